using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Entities;

/// <summary>A form (phiếu DC01) of a batch, as keyed, with whether its result has been written.</summary>
public sealed class BatchFormRow
{
    /// <summary>Insertion order: chunks are taken in this order.</summary>
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public PersonColumns Person { get; set; } = new();
    /// <summary>Set in the same transaction that writes the form's result.</summary>
    public bool Processed { get; set; }

    public static BatchFormRow Of(SurveyForm form, string batchId)
        => new() { BatchId = batchId, FormId = form.FormId, Person = PersonColumns.Of(form) };

    public SurveyForm ToForm() => Person.ToForm(FormId);
}
