using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Entities;

/// <summary>One flagged field of a result (sai lệch), a row so cases can be filtered by field and kind.</summary>
public sealed class DiscrepancyRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public required string Field { get; set; }
    public required string Kind { get; set; }
    public string FormValue { get; set; } = "";
    public string RegistryValue { get; set; } = "";
    public string Suggestion { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>
    /// Null for the engine's flags of the result; otherwise the link decision (a record a reviewer chose) these flags
    /// compare the form with.
    /// </summary>
    public long? LinkId { get; set; }

    public static DiscrepancyRow Of(Discrepancy d) => new()
    {
        Field = d.Field,
        Kind = d.Kind,
        FormValue = d.FormValue ?? "",
        RegistryValue = d.RegistryValue ?? "",
        Suggestion = d.Suggestion ?? "",
        Reason = d.Reason ?? "",
    };

    public Discrepancy ToDiscrepancy() => new(Field, Kind, FormValue, RegistryValue, Suggestion, Reason);
}
