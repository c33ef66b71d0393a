using System.Text.Json;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Tests;

/// <summary>A stored result's normalizations: the same JSON as the serializer's, read back as written.</summary>
public sealed class ResultNormalizationsTests
{
    private static Reconciliation Result(params string[] normalizations)
        => new("F-1", MatchStatus.Clean, "R-1", 0.99, [], normalizations, BatchResultRow.NoExplanation);

    [Fact]
    public void No_normalizations_are_stored_as_the_serializer_writes_them_and_read_back_as_none()
    {
        var row = BatchResultRow.Of(Result(), "batch", 7);

        Assert.Equal(JsonSerializer.Serialize(Array.Empty<string>()), row.NormalizationsJson);
        Assert.Empty(row.ToReconciliation().Normalizations);
    }

    [Fact]
    public void Normalizations_are_stored_as_JSON_and_read_back_in_their_order()
    {
        string[] written = ["full_name: legacy encoding (VNI)", "gender: \"Nu\" read as female", "personal_id: spaces and separators removed"];
        var row = BatchResultRow.Of(Result(written), "batch", 7);

        Assert.Equal(JsonSerializer.Serialize(written), row.NormalizationsJson);
        Assert.Equal(written, row.ToReconciliation().Normalizations);
    }
}
