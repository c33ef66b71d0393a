using System.ComponentModel.DataAnnotations;

namespace CccdRecon.Data;

/// <summary>
/// The limits the stores enforce, from the <c>Limits</c> section (validated at start; docs/service.md). The transport's
/// own limits (message bytes, stream length, call rate) are the host's and live in the same section.
/// </summary>
public sealed class StoreLimits
{
    public const string Section = "Limits";

    /// <summary>Most records or forms in one import or upload call (one ImportRecords/AddForms message).</summary>
    [Range(1, 100_000)]
    public int MaxItemsPerMessage { get; set; } = 1_000;

    /// <summary>Most forms in one batch.</summary>
    [Range(1, 100_000_000)]
    public int MaxFormsPerBatch { get; set; } = 1_000_000;

    /// <summary>Longest value of any text field; at most the schema's text columns (512), which a longer value would not fit.</summary>
    [Range(16, Configurations.Columns.Text)]
    public int MaxFieldLength { get; set; } = 512;

    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>Most per-item errors listed in one import/add response (the counts are always exact).</summary>
    [Range(0, 100_000)]
    public int MaxReportedErrors { get; set; } = 1_000;
}
