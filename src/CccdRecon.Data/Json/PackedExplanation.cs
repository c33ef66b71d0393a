using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Json;

/// <summary>
/// A result's explanation in a compact binary form (<c>BatchResults.PackedExplanation</c>), holding exactly what its
/// JSON (<see cref="ExplanationJson"/>) holds, so it reads back as the JSON would: <see cref="Marker"/>, then the prior
/// weight, the fields (count; field, level, weight, detail each), the candidates (count; record id, probability,
/// weight, blocking keys with their count), the decision and the model version. Numbers are IEEE doubles, little
/// endian; a zero is written as +0 and a NaN as <see cref="double.NaN"/>, as the JSON reads them back; a count or a
/// text's UTF-8 length is a 7-bit varint; a missing text is empty.
/// </summary>
internal static class PackedExplanation
{
    /// <summary>
    /// The first byte of the binary form: never the first byte of a Brotli stream (RFC 7932 §9.1: window bits coded
    /// 0010001 are invalid). The Brotli-packed explanations written before all start with 0xA1 or 0x21.
    /// </summary>
    public const byte Marker = 0x11;

    /// <summary>The writer's first buffer: a typical explanation takes about 650 bytes.</summary>
    private const int TypicalSize = 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static bool IsBinary(ReadOnlySpan<byte> packed) => packed.Length > 0 && packed[0] == Marker;

    public static byte[] Write(MatchExplanation explanation)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(TypicalSize);
        buffer.ResetWrittenCount();
        var writer = new Writer(buffer);
        writer.Byte(Marker);
        writer.Number(explanation.PriorWeight);
        writer.Count(explanation.Fields.Count);
        foreach (var field in explanation.Fields)
        {
            writer.Text(field.Field);
            writer.Text(field.Level);
            writer.Number(field.Weight);
            writer.Text(field.Detail);
        }
        writer.Count(explanation.Candidates.Count);
        foreach (var candidate in explanation.Candidates)
        {
            writer.Text(candidate.RecordId);
            writer.Number(candidate.Probability);
            writer.Number(candidate.Weight);
            writer.Count(candidate.BlockingKeys.Count);
            foreach (var key in candidate.BlockingKeys)
            {
                writer.Text(key);
            }
        }
        writer.Text(explanation.Decision);
        writer.Text(explanation.ModelVersion);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="JsonException">Not an explanation in this form, or cut short.</exception>
    public static MatchExplanation Read(ReadOnlySpan<byte> packed)
    {
        if (!IsBinary(packed))
        {
            throw new JsonException("not a packed explanation");
        }
        var reader = new Reader(packed[1..]);
        var prior = reader.Number();
        var fields = new FieldEvidence[reader.Count()];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new FieldEvidence(reader.Text(), reader.Text(), reader.Number(), reader.Text());
        }
        var candidates = new CandidateScore[reader.Count()];
        for (var i = 0; i < candidates.Length; i++)
        {
            var (recordId, probability, weight) = (reader.Text(), reader.Number(), reader.Number());
            var keys = new string[reader.Count()];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = reader.Text();
            }
            candidates[i] = new CandidateScore(recordId, probability, weight, keys);
        }
        var decision = reader.Text();
        var model = reader.Text();
        if (!reader.AtEnd)
        {
            throw new JsonException("a packed explanation has bytes after its end");
        }
        return new MatchExplanation(prior, fields.ToList(), candidates.ToList(), decision, model);
    }

    private readonly ref struct Writer(IBufferWriter<byte> output)
    {
        public void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public void Number(double value)
        {
            // As the JSON reads them back: a zero (−0 too) is left out and read as 0, a NaN is written as "NaN".
            var normal = value == 0 ? 0 : double.IsNaN(value) ? double.NaN : value;
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(sizeof(double)), normal);
            output.Advance(sizeof(double));
        }

        public void Count(int value)
        {
            var span = output.GetSpan(5);
            var at = 0;
            var v = (uint)value;
            while (v >= 0x80)
            {
                span[at++] = (byte)(v | 0x80);
                v >>= 7;
            }
            span[at++] = (byte)v;
            output.Advance(at);
        }

        public void Text(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                Count(0);
                return;
            }
            Count(Encoding.UTF8.GetByteCount(value));
            Encoding.UTF8.GetBytes(value, output);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public double Number() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

        public int Count()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Take(1)[0];
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    // Every item counted takes a byte at least: a larger count is a damaged value, not a large array.
                    return value <= (uint)_rest.Length ? (int)value : throw new JsonException("a packed explanation has a count out of range");
                }
            }
            throw new JsonException("a packed explanation has a count out of range");
        }

        public string Text()
        {
            var length = Count();
            return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
        }

        private ReadOnlySpan<byte> Take(int bytes)
        {
            if (bytes > _rest.Length)
            {
                throw new JsonException("a packed explanation is cut short");
            }
            var taken = _rest[..bytes];
            _rest = _rest[bytes..];
            return taken;
        }
    }
}
