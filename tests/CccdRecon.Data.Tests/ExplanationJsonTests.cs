using CccdRecon.Core.Matching;
using CccdRecon.Data.Json;
using CccdRecon.Testing;

namespace CccdRecon.Data.Tests;

/// <summary>The stored explanation reads back as written, and rows written before the stores moved (by the protobuf formatter) read the same.</summary>
public sealed class ExplanationJsonTests
{
    /// <summary>A row's explanation as the server stored it until now (protobuf's JsonFormatter, spaced).</summary>
    private const string StoredByProtobuf = """{ "priorWeight": 0.8334790146649632, "fields": [ { "field": "full_name", "level": "middle_name", "weight": 10.31, "detail": "middle name Văn missing" }, { "field": "gender", "level": "agree", "weight": 0.98 }, { "field": "permanent_address", "level": "not_compared", "detail": "not compared: no address could change this decision" } ], "candidates": [ { "recordId": "R0000008", "probability": 1, "weight": 67.11, "blockingKeys": [ "PersonalId" ] }, { "recordId": "R0000510", "weight": -8.98, "blockingKeys": [ "SortedName", "GivenYear" ] } ], "decision": "matched at 1.000 \u2265 0.900; 1 field(s) differ in substance" }""";

    [Fact]
    public void Rows_stored_by_the_protobuf_formatter_read_with_every_value()
    {
        var read = ExplanationJson.Read(StoredByProtobuf);

        Assert.Equal(0.8334790146649632, read.PriorWeight);
        Assert.Equal(("full_name", "middle_name", 10.31, "middle name Văn missing"), Tuple(read.Fields[0]));
        Assert.Equal(("gender", "agree", 0.98, ""), Tuple(read.Fields[1]));
        Assert.Equal(["R0000008", "R0000510"], read.Candidates.Select(c => c.RecordId));
        Assert.Equal((0.0, -8.98), (read.Candidates[1].Probability, read.Candidates[1].Weight));
        Assert.Equal(["SortedName", "GivenYear"], read.Candidates[1].BlockingKeys);
        Assert.Equal("matched at 1.000 ≥ 0.900; 1 field(s) differ in substance", read.Decision);
        Assert.Equal(ExplanationJson.Write(read), ExplanationJson.Write(ExplanationJson.Read(ExplanationJson.Write(read))));
    }

    [Fact]
    public void Any_explanation_reads_back_as_written()
    {
        var rng = new Random(20261201);
        for (var i = 0; i < 2_000; i++)
        {
            var written = RandomExplanation(rng);

            var read = ExplanationJson.Read(ExplanationJson.Write(written));

            Assert.Equal(written.PriorWeight, read.PriorWeight);
            Assert.Equal(written.Decision, read.Decision);
            Assert.Equal(written.Fields.Select(Tuple), read.Fields.Select(Tuple));
            Assert.Equal(written.Candidates.Select(c => (c.RecordId, c.Probability, c.Weight, string.Join('|', c.BlockingKeys))),
                read.Candidates.Select(c => (c.RecordId, c.Probability, c.Weight, string.Join('|', c.BlockingKeys))));
        }
    }

    [Fact]
    public void A_packed_explanation_reads_back_as_written_in_fewer_bytes_than_its_json()
    {
        var rng = new Random(20261202);
        for (var i = 0; i < 500; i++)
        {
            var written = RandomExplanation(rng);

            var packed = ExplanationJson.Pack(written);

            Assert.Equal(ExplanationJson.Write(written), ExplanationJson.Write(ExplanationJson.Unpack(packed)));
        }
        var stored = ExplanationJson.Read(StoredByProtobuf);
        var (packedBytes, jsonBytes) = (ExplanationJson.Pack(stored).Length, System.Text.Encoding.UTF8.GetByteCount(ExplanationJson.Write(stored)));
        Assert.True(packedBytes * 4 < jsonBytes * 3, $"a typical explanation took {packedBytes} bytes packed against {jsonBytes} as JSON");
    }

    /// <summary>A result's explanation as the 400k bench stored it before the binary form (Brotli-compressed JSON, 2026-12-03).</summary>
    private const string StoredWithBrotli = "ofgfAABUVVVV/6ergFzyYmmgZuZLmMY5DwGZpzxkHgIcDMRVxMwEUk3VQlU8Mh0CHO55OuT5kgNwMBZEYpIY4E6bOP/AvWguP0WX1dB/7ob2NDY4q0Su6F8/wLhGj/MtxinRJthglHeJ6JGWIoIN/jZE1tH17XhqkMVII3pUlmQaKD6DrQJFQi78qUKiTWClCnORt5ukcAfXOue6DjRp7qNFq5U7PhrLKHAmkynP01WLrZbCkrzdKDJ4aMchMphMIORtp6I1Jw9fdDLI8B5cJLEU4xrS9hxy7fgEF+gupeZEcVLW09BWw9C5Hc6u1UWtWoRXnclWKQ6Zsn1vsPGoxZbN7gkR7LjdeNojBdChYzv2epb4LmWjJMkmYi5Sq/5KUrbJfdgojNagLGUDdWo9pAy619Eh5FtkCCulRcBWrcAStGpOaN4VcjL5YyYP4qXBQImVycRfEeKB16AXRo/fnRvO5+GADe4lX+mqUe2OvnNqyeU0tMcGrzGHX5qWr3Kv6F/xmywU7i+Ml8elQTNmGx43srAKAxl0rXMO/v/9B64dnXsGeZdyB9Z5liIpCGiFkOsmpgEb3DJL/CHFaKHoRj4MY3/sT92ADw==";

    [Fact]
    public void An_explanation_is_packed_in_the_binary_form_and_reads_back_with_every_value_as_its_json_does()
    {
        var rng = new Random(20261203);
        for (var i = 0; i < 2_000; i++)
        {
            var written = RandomExplanation(rng);

            var packed = ExplanationJson.Pack(written);

            Assert.Equal(PackedExplanation.Marker, packed[0]);
            var read = ExplanationJson.Unpack(packed);
            Assert.Equal(ExplanationJson.Write(written), ExplanationJson.Write(read));
            // The same values as the JSON gives back (a zero is +0, a NaN is NaN), down to the bits of every number.
            var viaJson = ExplanationJson.Read(ExplanationJson.Write(written));
            Assert.Equal(Bits(viaJson), Bits(read));
        }
    }

    [Fact]
    public void Explanations_packed_with_brotli_before_the_binary_form_read_as_before()
    {
        var stored = Convert.FromBase64String(StoredWithBrotli);

        var read = ExplanationJson.Unpack(stored);

        Assert.False(PackedExplanation.IsBinary(stored));
        Assert.NotEmpty(read.Fields);
        Assert.NotEmpty(read.Candidates);
        Assert.NotEmpty(read.Decision);
        var rng = new Random(20261204);
        for (var i = 0; i < 200; i++)
        {
            var written = RandomExplanation(rng);
            var brotli = ExplanationJson.PackWithBrotli(written);

            Assert.False(PackedExplanation.IsBinary(brotli));
            Assert.Equal(Bits(ExplanationJson.Read(ExplanationJson.Write(written))), Bits(ExplanationJson.Unpack(brotli)));
        }
    }

    [Fact]
    public void A_damaged_binary_explanation_is_refused_not_misread()
    {
        var packed = ExplanationJson.Pack(ExplanationJson.Read(StoredByProtobuf));

        for (var length = 1; length < packed.Length; length++)
        {
            Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack(packed[..length]));
        }
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([.. packed, 0]));
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.Marker, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]));
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.UncodedMarker, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]));
        // A number of more than 64 bits (its tenth byte holds more than the 64th bit) in place of the prior: refused, not
        // read as the number its low bits make.
        Assert.Equal(PackedExplanation.Marker, packed[0]);
        var priorBytes = packed[1] == 0 ? 1 + sizeof(double) : packed.AsSpan(1).IndexOfAnyInRange((byte)0, (byte)0x7F) + 1;
        byte[] tooLong = [PackedExplanation.Marker, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, .. packed.AsSpan(1 + priorBytes)];
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack(tooLong));
        // A text code past the table, a template past the list, a template or a model version inside a template's hole.
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.Marker, 1, 0, 0, 0xFF, 0x7F, 0]));
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.Marker, 1, 0, 0, 2, 0x7F, 0]));
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.Marker, 1, 0, 0, 2, 8, 2, 8, 0, 0]));
        Assert.Throws<System.Text.Json.JsonException>(() => ExplanationJson.Unpack([PackedExplanation.Marker, 1, 0, 0, 2, 8, 3, 1, 2, 3, 4, 5, 6, 0]));
    }

    [Fact]
    public void A_damaged_coded_explanation_reads_as_something_or_is_refused_never_crashes()
    {
        var rng = new Random(20261205);
        var samples = SampleExplanations.All;
        for (var i = 0; i < 20_000; i++)
        {
            var packed = ExplanationJson.Pack(samples[rng.Next(samples.Count)]);
            for (var flips = rng.Next(1, 4); flips > 0; flips--)
            {
                packed[rng.Next(1, packed.Length)] = (byte)rng.Next(256);
            }

            try
            {
                ExplanationJson.Unpack(packed);
            }
            catch (System.Text.Json.JsonException)
            {
                // Refused: what a damaged row should give.
            }
        }
    }

    [Fact]
    public void The_engine_explanations_read_back_to_the_bit_from_the_coded_form_in_a_fifth_of_the_uncoded_bytes()
    {
        var samples = SampleExplanations.All;
        var (coded, uncoded) = (0L, 0L);
        foreach (var written in samples)
        {
            var packed = ExplanationJson.Pack(written);

            Assert.Equal(PackedExplanation.Marker, packed[0]);
            Assert.Equal(Bits(ExplanationJson.Read(ExplanationJson.Write(written))), Bits(ExplanationJson.Unpack(packed)));
            Assert.Equal(ExplanationJson.Write(written), ExplanationJson.Write(ExplanationJson.Unpack(packed)));
            coded += packed.Length;
            uncoded += PackedExplanation.WriteUncoded(written).Length;
        }
        Assert.True(coded * 5 < uncoded, $"the samples took {coded / samples.Count} bytes coded against {uncoded / samples.Count} uncoded");
    }

    [Fact]
    public void A_text_out_of_the_table_is_written_in_full_or_by_its_template_and_reads_back_as_it_was()
    {
        string[] texts =
        [
            "R0000002", "identical; the record's name has frequency 0.0005 in the registry", "; the record's name has frequency  in the registry",
            "matched at 0.912 ≥ 0.900; every difference is cosmetic", "matched at 0.912 ≥ 0.900; 12 field(s) differ in substance",
            "matched at ≥ ; every difference is cosmetic ≥ ; every difference is cosmetic", "province agrees, district absent",
            "R0000510 scores 0.450, only 0.3 bits behind the best (needs 1.0): the data cannot tell them apart", "m0123456789ab",
            "M0123456789AB", "m0123456789aB", "m0123456789a", "same name after letter case, spacing, no diacritics", "Nguyễn Văn Hoà 😀",
            "surname Huỳnh ~ Hoàng (regional)", "vs (one letter)", " vs  (one letter)", new string('x', 300), "digits: Equal",
        ];
        foreach (var text in texts)
        {
            var written = new MatchExplanation(0.01, [new FieldEvidence(text, text, -0.07, text)], [new CandidateScore(text, 0.999, 65.39, [text])], text, text);

            var read = ExplanationJson.Unpack(ExplanationJson.Pack(written));

            Assert.Equal(Bits(written), Bits(read));
        }
    }

    [Fact]
    public void Explanations_stored_before_the_coded_form_read_as_their_json()
    {
        foreach (var stored in StoredExplanationFixtures.All)
        {
            var uncoded = Convert.FromBase64String(stored.Uncoded);
            var brotli = Convert.FromBase64String(stored.Brotli);

            Assert.Equal(PackedExplanation.UncodedMarker, uncoded[0]);
            Assert.Equal(stored.Json, ExplanationJson.Write(ExplanationJson.Unpack(uncoded)));
            Assert.Equal(stored.Json, ExplanationJson.Write(ExplanationJson.Unpack(brotli)));
            Assert.Equal(Bits(ExplanationJson.Read(stored.Json)), Bits(ExplanationJson.Unpack(uncoded)));
            Assert.Equal(uncoded, PackedExplanation.WriteUncoded(ExplanationJson.Read(stored.Json)));
        }
    }

    [Fact]
    public void The_binary_markers_never_start_a_brotli_stream()
    {
        foreach (var marker in new[] { PackedExplanation.Marker, PackedExplanation.UncodedMarker })
        {
            var stream = new byte[] { marker, 0, 0, 0, 0, 0, 0, 0 };

            Assert.False(System.IO.Compression.BrotliDecoder.TryDecompress(stream, new byte[1024], out _));
        }
    }

    private static string Bits(MatchExplanation e)
    {
        static string N(double d) => BitConverter.DoubleToInt64Bits(d).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join("\n", [N(e.PriorWeight), e.Decision, e.ModelVersion,
            .. e.Fields.Select(f => $"{f.Field}|{f.Level}|{N(f.Weight)}|{f.Detail}"),
            .. e.Candidates.Select(c => $"{c.RecordId}|{N(c.Probability)}|{N(c.Weight)}|{string.Join('|', c.BlockingKeys)}")]);
    }

    [Fact]
    public void A_result_reads_its_packed_explanation_and_a_row_stored_before_packing_reads_its_json()
    {
        var explanation = ExplanationJson.Read(StoredByProtobuf);
        var result = new Reconciliation("F1", MatchStatus.Clean, "R0000008", 1, [], [], explanation);

        var row = Entities.BatchResultRow.Of(result, "b", 1);
        var before = new Entities.BatchResultRow { BatchId = "b", FormId = "F1", ExplanationJson = StoredByProtobuf };

        Assert.Equal("", row.ExplanationJson);
        Assert.Equal(ExplanationJson.Write(explanation), ExplanationJson.Write(row.ToReconciliation().Explanation));
        Assert.Equal(ExplanationJson.Write(explanation), ExplanationJson.Write(before.ReadExplanation()));
    }

    private static (string, string, double, string) Tuple(FieldEvidence f) => (f.Field, f.Level, f.Weight, f.Detail);

    internal static MatchExplanation RandomExplanation(Random rng)
    {
        double Number() => rng.Next(8) switch
        {
            0 => 0,
            1 => double.NaN,
            2 => rng.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
            3 => rng.NextDouble() * 1e-12,
            _ => Math.Round((rng.NextDouble() - 0.5) * 200, rng.Next(0, 16)),
        };
        string Text() => rng.Next(6) switch
        {
            0 => "",
            1 => "Nguyễn Văn Hoà \"trích\" \\ <b> & ≥ ",
            2 => new string(Enumerable.Range(0, rng.Next(1, 20)).Select(_ => (char)rng.Next(0, 0x3000)).Where(c => !char.IsSurrogate(c)).ToArray()),
            3 => "tab\there\nnewline\u0001\u007f\u0085\u2028",
            _ => "level_" + rng.Next(100),
        };
        var fields = Enumerable.Range(0, rng.Next(0, 9)).Select(_ => new FieldEvidence(Text(), Text(), Number(), Text())).ToList();
        var candidates = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => new CandidateScore(
            Text(), Number(), Number(), Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Text()).ToList())).ToList();
        return new MatchExplanation(Number(), fields, candidates, Text(), Text());
    }
}
