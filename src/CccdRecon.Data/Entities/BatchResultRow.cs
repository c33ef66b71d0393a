using System.Text.Json;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Json;

namespace CccdRecon.Data.Entities;

/// <summary>The stored outcome of one batch form.</summary>
public sealed class BatchResultRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    /// <summary>The form row's id, so results list in form order.</summary>
    public long FormRowId { get; set; }
    /// <summary>Stored as the <see cref="MatchStatus"/> number (see <see cref="ReconDbContext"/>).</summary>
    public MatchStatus Status { get; set; }
    public string? RecordId { get; set; }
    public double Score { get; set; }
    /// <summary>JSON array of strings.</summary>
    public string NormalizationsJson { get; set; } = NoNormalizations;
    /// <summary>
    /// The explanation in its proto3 JSON form (<see cref="Json.ExplanationJson"/>), as rows written before
    /// <see cref="PackedExplanation"/> hold it; empty in rows that have a packed one.
    /// </summary>
    public string ExplanationJson { get; set; } = "";
    /// <summary>
    /// The explanation packed (<see cref="Json.ExplanationJson.Pack"/>: a compact binary form, or in rows written
    /// before it the JSON compressed with Brotli), about 60 % of the JSON's bytes; the explanation was most of a stored
    /// result. Null in rows written before packing, and in a result read without it.
    /// </summary>
    public byte[]? PackedExplanation { get; set; }
    public List<DiscrepancyRow> Discrepancies { get; set; } = [];

    public static BatchResultRow Of(Reconciliation result, string batchId, long formRowId)
    {
        var row = new BatchResultRow
        {
            BatchId = batchId,
            FormId = result.FormId,
            FormRowId = formRowId,
            Status = result.Status,
            RecordId = result.RecordId,
            Score = result.Score,
            NormalizationsJson = result.Normalizations.Count == 0 ? NoNormalizations : JsonSerializer.Serialize(result.Normalizations),
            PackedExplanation = Json.ExplanationJson.Pack(result.Explanation),
        };
        row.Discrepancies.AddRange(result.Discrepancies.Select(DiscrepancyRow.Of));
        return row;
    }

    /// <summary>The result as the engine gave it (discrepancies in their order); needs <see cref="Discrepancies"/> loaded.</summary>
    public Reconciliation ToReconciliation() => new(
        FormId,
        Status,
        RecordId,
        Score,
        DiscrepanciesInOrder(),
        NormalizationsJson == NoNormalizations ? [] : JsonSerializer.Deserialize<string[]>(NormalizationsJson) ?? [],
        ReadExplanation());

    /// <summary>
    /// The JSON of a result without normalizations, as the serializer writes it: written and read without the serializer
    /// (it was ≈ 0.5 s of a 400,000-form batch's composing, and as much again of its download).
    /// </summary>
    public const string NoNormalizations = "[]";

    /// <summary>The stored explanation, packed or (rows written before packing) as JSON; <see cref="NoExplanation"/> when read without it.</summary>
    public MatchExplanation ReadExplanation() => PackedExplanation is { } packed
        ? Json.ExplanationJson.Unpack(packed)
        : ExplanationJson.Length == 0 ? NoExplanation : Json.ExplanationJson.Read(ExplanationJson);

    /// <summary>What a result read without its explanation carries instead.</summary>
    public static readonly MatchExplanation NoExplanation = new(0, [], [], "");

    /// <summary>The engine's flags (a reviewer's re-link adds its own, which are the case's).</summary>
    public IReadOnlyList<Discrepancy> DiscrepanciesInOrder() => Discrepancies.Count == 0 ? [] : Discrepancies.Where(d => d.LinkId is null).OrderBy(d => d.Id).Select(d => d.ToDiscrepancy()).ToList();
}
