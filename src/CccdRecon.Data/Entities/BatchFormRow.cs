using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Entities;

/// <summary>
/// A form (phiếu DC01) of a batch, as keyed. Written once and never updated: whether its result is written is the
/// batch's <see cref="BatchRow.ProcessedThrough"/> (forms are matched in <see cref="Id"/> order).
/// </summary>
public sealed class BatchFormRow
{
    /// <summary>Insertion order: chunks are taken in this order. Also the id of the form's result.</summary>
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public PersonColumns Person { get; set; } = new();

    public static BatchFormRow Of(SurveyForm form, string batchId)
        => new() { BatchId = batchId, FormId = form.FormId, Person = PersonColumns.Of(form) };

    public SurveyForm ToForm() => Person.ToForm(FormId);
}
