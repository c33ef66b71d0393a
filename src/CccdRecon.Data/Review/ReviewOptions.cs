using System.ComponentModel.DataAnnotations;

namespace CccdRecon.Data.Review;

/// <summary>The <c>Review</c> section (validated at start).</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>How long a claim holds a case for its reviewer without a decision; then anyone may claim it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Cases a bulk decision writes per transaction (each page commits with its audit event).</summary>
    [Range(1, 10_000)]
    public int BulkPageSize { get; set; } = 200;

    /// <summary>Case ids a bulk decision's preview lists.</summary>
    [Range(0, 1_000)]
    public int BulkPreviewSize { get; set; } = 20;

    /// <summary>Candidates shown for an ambiguous or unmatched case, each compared in full with the form.</summary>
    [Range(1, 20)]
    public int CandidatesShown { get; set; } = 4;
}
