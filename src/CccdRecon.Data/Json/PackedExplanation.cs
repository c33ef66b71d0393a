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
/// weight, blocking keys with their count), the decision and the model version. A count is a 7-bit varint.
/// <para>
/// Texts are coded (<see cref="TextCode"/>): a text of <see cref="ExplanationTexts.Table"/> by its number, one that
/// fits a template (<see cref="ExplanationTexts.Templates"/>) by the template's number and its holes, a trained model's
/// version ("m" and 12 hex digits) in 6 bytes, any other in UTF-8 after its length. Numbers are coded too
/// (<see cref="NumberCode"/>): the engine rounds weights to hundredths and probabilities to thousandths, so a number
/// that is exactly <c>n / 100</c> (a weight) or <c>n / 1000</c> (a probability) for an integer n is written as n
/// (zigzag varint), any other as its 8 IEEE bytes. A zero is written as +0 and a NaN as <see cref="double.NaN"/>, as
/// the JSON reads them back. The samples' explanations take 85 bytes against 637 uncoded; at 400,000 results
/// <c>BatchResults</c>' heap went from ≈ 920 bytes a row to ≈ 320, and PostgreSQL's CPU by ≈ 3 s (bench/batch/README.md).
/// </para>
/// <para>
/// Rows written before (<see cref="UncodedMarker"/>: the same layout with every text in UTF-8 and every number in
/// 8 bytes) still read.
/// </para>
/// </summary>
internal static class PackedExplanation
{
    /// <summary>
    /// The first byte of the coded form. The two bytes that never start a Brotli stream are 0x11 and 0x91 (RFC 7932
    /// §9.1: window bits coded 0010001 are invalid; the eighth bit belongs to what follows), so this one and
    /// <see cref="UncodedMarker"/> tell the binary forms from the Brotli-packed explanations written before (which all
    /// start with 0xA1 or 0x21).
    /// </summary>
    public const byte Marker = 0x91;

    /// <summary>The first byte of the form written until 2026-12-04: every text in full, every number in 8 bytes.</summary>
    public const byte UncodedMarker = 0x11;

    /// <summary>The writer's first buffer: a typical explanation takes about 85 bytes coded, 650 uncoded.</summary>
    private const int TypicalSize = 1024;

    /// <summary>What a text's first varint means below <see cref="TextCode.Table"/>; from it on, the table's entry (code − Table).</summary>
    private static class TextCode
    {
        public const int Empty = 0;
        public const int Literal = 1;
        public const int Template = 2;
        public const int ModelVersion = 3;
        public const int Table = 4;
    }

    /// <summary>A number's varint: <see cref="Raw"/> (its 8 bytes follow), or its integer n zigzagged, plus one.</summary>
    private static class NumberCode
    {
        public const ulong Raw = 0;
        public const double Weight = 100;
        public const double Probability = 1000;

        /// <summary>Beyond this magnitude a number is written raw (n stays far inside a long).</summary>
        public const double Largest = 1e12;
    }

    /// <summary>A trained model's version: "m" and 12 lower-case hex digits (<c>MatchModel.Version</c>).</summary>
    private const int ModelVersionLength = 13;
    private const int ModelVersionBytes = 6;

    private static readonly Dictionary<string, int> TableCodes = CodesOf(ExplanationTexts.Table);
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TableCodesBySpan =
        TableCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static bool IsBinary(ReadOnlySpan<byte> packed) => packed.Length > 0 && packed[0] is Marker or UncodedMarker;

    public static byte[] Write(MatchExplanation explanation) => Write(explanation, coded: true);

    /// <summary>The form written until 2026-12-04 (<see cref="UncodedMarker"/>), kept to test that such rows still read.</summary>
    internal static byte[] WriteUncoded(MatchExplanation explanation) => Write(explanation, coded: false);

    private static byte[] Write(MatchExplanation explanation, bool coded)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(TypicalSize);
        buffer.ResetWrittenCount();
        var writer = new Writer(buffer, coded);
        writer.Byte(coded ? Marker : UncodedMarker);
        writer.Number(explanation.PriorWeight, NumberCode.Weight);
        writer.Count(explanation.Fields.Count);
        foreach (var field in explanation.Fields)
        {
            writer.Text(field.Field);
            writer.Text(field.Level);
            writer.Number(field.Weight, NumberCode.Weight);
            writer.Text(field.Detail);
        }
        writer.Count(explanation.Candidates.Count);
        foreach (var candidate in explanation.Candidates)
        {
            writer.Text(candidate.RecordId);
            writer.Number(candidate.Probability, NumberCode.Probability);
            writer.Number(candidate.Weight, NumberCode.Weight);
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

    /// <exception cref="JsonException">Not an explanation in either binary form, or cut short.</exception>
    public static MatchExplanation Read(ReadOnlySpan<byte> packed)
    {
        if (!IsBinary(packed))
        {
            throw new JsonException("not a packed explanation");
        }
        var reader = new Reader(packed[1..], coded: packed[0] == Marker);
        var prior = reader.Number(NumberCode.Weight);
        var fields = new FieldEvidence[reader.Count()];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new FieldEvidence(reader.Text(), reader.Text(), reader.Number(NumberCode.Weight), reader.Text());
        }
        var candidates = new CandidateScore[reader.Count()];
        for (var i = 0; i < candidates.Length; i++)
        {
            var (recordId, probability, weight) = (reader.Text(), reader.Number(NumberCode.Probability), reader.Number(NumberCode.Weight));
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

    private static Dictionary<string, int> CodesOf(string[] table)
    {
        var codes = new Dictionary<string, int>(table.Length, StringComparer.Ordinal);
        for (var i = 0; i < table.Length; i++)
        {
            codes.TryAdd(table[i], TextCode.Table + i);
        }
        return codes;
    }

    private readonly ref struct Writer(IBufferWriter<byte> output, bool coded)
    {
        public void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public void Number(double value, double scale)
        {
            // As the JSON reads them back: a zero (−0 too) is left out and read as 0, a NaN is written as "NaN".
            var normal = value == 0 ? 0 : double.IsNaN(value) ? double.NaN : value;
            if (coded)
            {
                if (Math.Abs(normal) <= NumberCode.Largest)
                {
                    var n = (long)Math.Round(normal * scale);
                    // Exactly what the reader computes, so the number reads back to the bit (NaN and infinities fail here).
                    if (n / scale == normal)
                    {
                        Varint(((ulong)(n << 1) ^ (ulong)(n >> 63)) + 1);
                        return;
                    }
                }
                Varint(NumberCode.Raw);
            }
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(sizeof(double)), normal);
            output.Advance(sizeof(double));
        }

        public void Count(int value) => Varint((uint)value);

        public void Text(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                Varint(TextCode.Empty);
                return;
            }
            if (!coded)
            {
                Varint((uint)Encoding.UTF8.GetByteCount(value));
                Encoding.UTF8.GetBytes(value, output);
                return;
            }
            if (TableCodes.TryGetValue(value, out var code))
            {
                Varint((uint)code);
                return;
            }
            if (ModelVersion(value))
            {
                return;
            }
            var templates = ExplanationTexts.Templates;
            for (var t = 0; t < templates.Length; t++)
            {
                if (Template(value, t, templates[t]))
                {
                    return;
                }
            }
            Literal(value);
        }

        /// <summary>A hole of a template: numbered or in full, never a template again.</summary>
        private void Hole(ReadOnlySpan<char> value)
        {
            if (value.IsEmpty)
            {
                Varint(TextCode.Empty);
            }
            else if (TableCodesBySpan.TryGetValue(value, out var code))
            {
                Varint((uint)code);
            }
            else
            {
                Literal(value);
            }
        }

        private bool Template(string value, int number, string[] parts)
        {
            var (first, last) = (parts[0], parts[^1]);
            if (value.Length < first.Length + last.Length || !value.StartsWith(first, StringComparison.Ordinal)
                || !value.EndsWith(last, StringComparison.Ordinal))
            {
                return false;
            }
            // Where each constant part starts, its first occurrence after the previous one's end.
            Span<int> starts = stackalloc int[parts.Length];
            var (at, end) = (first.Length, value.Length - last.Length);
            for (var p = 1; p < parts.Length - 1; p++)
            {
                var found = value.AsSpan(at, end - at).IndexOf(parts[p], StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }
                starts[p] = at + found;
                at += found + parts[p].Length;
            }
            starts[^1] = end;
            Varint(TextCode.Template);
            Varint((uint)number);
            at = first.Length;
            for (var p = 1; p < parts.Length; p++)
            {
                Hole(value.AsSpan(at, starts[p] - at));
                at = starts[p] + parts[p].Length;
            }
            return true;
        }

        private bool ModelVersion(string value)
        {
            if (value.Length != ModelVersionLength || value[0] != 'm')
            {
                return false;
            }
            foreach (var c in value.AsSpan(1))
            {
                if (!char.IsAsciiHexDigitLower(c))
                {
                    return false;
                }
            }
            Varint(TextCode.ModelVersion);
            var span = output.GetSpan(ModelVersionBytes);
            Convert.FromHexString(value.AsSpan(1), span[..ModelVersionBytes], out _, out _);
            output.Advance(ModelVersionBytes);
            return true;
        }

        /// <summary>The text's UTF-8 after its length, encoded once: into room for its largest length, moved back if that was too much.</summary>
        private void Literal(ReadOnlySpan<char> value)
        {
            Varint(TextCode.Literal);
            var most = Encoding.UTF8.GetMaxByteCount(value.Length);
            var room = VarintSize((uint)most);
            var span = output.GetSpan(room + most);
            var written = Encoding.UTF8.GetBytes(value, span[room..]);
            var size = VarintSize((uint)written);
            if (size < room)
            {
                span.Slice(room, written).CopyTo(span[size..]);
            }
            WriteVarint(span, (uint)written);
            output.Advance(size + written);
        }

        private void Varint(ulong value)
        {
            var span = output.GetSpan(10);
            output.Advance(WriteVarint(span, value));
        }

        private static int WriteVarint(Span<byte> span, ulong value)
        {
            var at = 0;
            while (value >= 0x80)
            {
                span[at++] = (byte)(value | 0x80);
                value >>= 7;
            }
            span[at++] = (byte)value;
            return at;
        }

        private static int VarintSize(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes, bool coded)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public double Number(double scale)
        {
            if (coded)
            {
                var code = Varint();
                if (code != NumberCode.Raw)
                {
                    var zigzag = code - 1;
                    var n = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                    return n / scale;
                }
            }
            return BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));
        }

        public int Count()
        {
            var value = Varint();
            // Every item counted takes a byte at least: a larger count is a damaged value, not a large array.
            return value <= (ulong)_rest.Length ? (int)value : throw new JsonException("a packed explanation has a count out of range");
        }

        public string Text() => coded ? CodedText(holeOf: false) : Utf8(Count());

        private string CodedText(bool holeOf)
        {
            var code = Varint();
            switch (code)
            {
                case TextCode.Empty:
                    return "";
                case TextCode.Literal:
                    return Utf8(Count());
                case TextCode.ModelVersion when !holeOf:
                    return "m" + Convert.ToHexStringLower(Take(ModelVersionBytes));
                case TextCode.Template when !holeOf:
                {
                    var number = Varint();
                    var templates = ExplanationTexts.Templates;
                    if (number >= (ulong)templates.Length)
                    {
                        throw new JsonException("a packed explanation names a template it does not know");
                    }
                    var parts = templates[number];
                    var pieces = new string[parts.Length * 2 - 1];
                    pieces[0] = parts[0];
                    for (var p = 1; p < parts.Length; p++)
                    {
                        pieces[p * 2 - 1] = CodedText(holeOf: true);
                        pieces[p * 2] = parts[p];
                    }
                    return string.Concat(pieces);
                }
                case >= TextCode.Table when code - TextCode.Table < (ulong)ExplanationTexts.Table.Length:
                    return ExplanationTexts.Table[(int)(code - TextCode.Table)];
                default:
                    throw new JsonException("a packed explanation has a text code it does not know");
            }
        }

        private string Utf8(int length) => length == 0 ? "" : Encoding.UTF8.GetString(Take(length));

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Take(1)[0];
                // The tenth byte holds the 64th bit alone: more would be lost in the shift and read as another number.
                if (shift == 63 && b > 1)
                {
                    break;
                }
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw new JsonException("a packed explanation has a number out of range");
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
