using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Json;

/// <summary>
/// A result's explanation as stored (<c>BatchResults.ExplanationJson</c>): the proto3 JSON form of
/// <c>cccdrecon.v1.Explanation</c> (camelCase names, default values left out, non-finite numbers as strings), so rows
/// written by any version read the same. Written and read here without the wire library: compact, and text unescaped
/// beyond what JSON requires (Vietnamese stays readable); earlier rows, spaced by the protobuf formatter, read alike.
/// </summary>
public static class ExplanationJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Brotli's quality of the explanations packed before <see cref="PackedExplanation"/> (still read by
    /// <see cref="Unpack"/>): every one of them starts with byte 0xA1 or 0x21 (a window of 2^10).
    /// </summary>
    private const int PackQuality = 2;

    /// <summary>Brotli's window (log2 bytes) of the explanations packed with it.</summary>
    private const int PackWindowBits = 10;

    public static string Write(MatchExplanation explanation) => Encoding.UTF8.GetString(WriteUtf8(explanation).WrittenSpan);

    /// <summary>The explanation's JSON (as <see cref="Write"/>) in UTF-8, compressed with Brotli: how <c>BatchResults.PackedExplanation</c> was stored before <see cref="Pack"/>.</summary>
    internal static byte[] PackWithBrotli(MatchExplanation explanation)
    {
        var json = WriteUtf8(explanation).WrittenSpan;
        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, packed, out var written, PackQuality, PackWindowBits))
        {
            throw new InvalidOperationException("an explanation did not fit its compression bound");
        }
        return packed.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// What <c>BatchResults.PackedExplanation</c> stores: the explanation in <see cref="PackedExplanation"/>'s binary
    /// form. Composing the JSON and compressing it with Brotli cost ≈ 15 % of the server's CPU in a 400,000-form batch's
    /// matching phase (perf, 2026-12-03: more than the matching itself); with this form a chunk of 2,000 forms was
    /// matched and composed in 180 ms instead of 294 (SQLite, under load 20–27), for 652 bytes a result against
    /// Brotli's 486 (1,072 of JSON). Since 2026-12-04 its texts and numbers are coded (the samples' explanations: 85
    /// bytes against 637), which took ≈ 60 % of the bytes PostgreSQL copies into <c>BatchResults</c>.
    /// </summary>
    public static byte[] Pack(MatchExplanation explanation) => PackedExplanation.Write(explanation);

    /// <summary>A stored packed explanation, in any form (<see cref="PackedExplanation"/>'s coded or uncoded, or Brotli-compressed JSON).</summary>
    /// <exception cref="JsonException">Not a packed explanation.</exception>
    public static MatchExplanation Unpack(byte[] packed)
    {
        if (PackedExplanation.IsBinary(packed))
        {
            return PackedExplanation.Read(packed);
        }
        using var input = new MemoryStream(packed, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var json = new MemoryStream(packed.Length * 4);
        brotli.CopyTo(json);
        return Read(json.GetBuffer().AsMemory(0, (int)json.Length));
    }

    private static ArrayBufferWriter<byte> WriteUtf8(MatchExplanation explanation)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            Number(json, "priorWeight", explanation.PriorWeight);
            if (explanation.Fields.Count > 0)
            {
                json.WriteStartArray("fields");
                foreach (var field in explanation.Fields)
                {
                    json.WriteStartObject();
                    Text(json, "field", field.Field);
                    Text(json, "level", field.Level);
                    Number(json, "weight", field.Weight);
                    Text(json, "detail", field.Detail);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (explanation.Candidates.Count > 0)
            {
                json.WriteStartArray("candidates");
                foreach (var candidate in explanation.Candidates)
                {
                    json.WriteStartObject();
                    Text(json, "recordId", candidate.RecordId);
                    Number(json, "probability", candidate.Probability);
                    Number(json, "weight", candidate.Weight);
                    if (candidate.BlockingKeys.Count > 0)
                    {
                        json.WriteStartArray("blockingKeys");
                        foreach (var key in candidate.BlockingKeys)
                        {
                            json.WriteStringValue(key);
                        }
                        json.WriteEndArray();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            Text(json, "decision", explanation.Decision);
            Text(json, "modelVersion", explanation.ModelVersion);
            json.WriteEndObject();
        }
        return buffer;
    }

    /// <exception cref="JsonException">Not an explanation.</exception>
    public static MatchExplanation Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    private static MatchExplanation Read(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        var fields = Array(root, "fields", "fields").Select(f => new FieldEvidence(
            String(f, "field", "field"), String(f, "level", "level"), Double(f, "weight", "weight"), String(f, "detail", "detail"))).ToList();
        var candidates = Array(root, "candidates", "candidates").Select(c => new CandidateScore(
            String(c, "recordId", "record_id"), Double(c, "probability", "probability"), Double(c, "weight", "weight"),
            Array(c, "blockingKeys", "blocking_keys").Select(k => k.GetString() ?? "").ToList())).ToList();
        return new MatchExplanation(Double(root, "priorWeight", "prior_weight"), fields, candidates, String(root, "decision", "decision"),
            String(root, "modelVersion", "model_version"));
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (value == 0)
        {
            return;
        }
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>The property by its JSON name or its proto name (proto3 JSON readers accept both).</summary>
    private static bool TryGet(JsonElement element, string jsonName, string protoName, out JsonElement value)
        => element.TryGetProperty(jsonName, out value) || element.TryGetProperty(protoName, out value);

    private static string String(JsonElement element, string jsonName, string protoName)
        => TryGet(element, jsonName, protoName, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double Double(JsonElement element, string jsonName, string protoName)
    {
        if (!TryGet(element, jsonName, protoName, out var value))
        {
            return 0;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
            }
            : value.GetDouble();
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string jsonName, string protoName)
        => TryGet(element, jsonName, protoName, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
