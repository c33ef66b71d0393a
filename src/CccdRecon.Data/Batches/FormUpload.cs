using CccdRecon.Data.Errors;

namespace CccdRecon.Data.Batches;

/// <summary>
/// One upload of forms to a batch, over as many calls to <see cref="BatchStore.AddFormsAsync"/> as it takes (one per
/// streamed message): the batch it goes to, where it is, and the tally so far.
/// </summary>
public sealed class FormUpload
{
    public string? BatchId { get; internal set; }

    /// <summary>Forms seen so far (accepted, duplicate or refused): the index of the next one.</summary>
    public long Position { get; internal set; }

    public long Added { get; internal set; }
    public long Duplicates { get; internal set; }
    public long Rejected { get; internal set; }

    /// <summary>The first refused forms (up to <c>Limits:MaxReportedErrors</c>); <see cref="Rejected"/> counts them all.</summary>
    public List<ItemRejection> Rejections { get; } = [];

    /// <summary>The batch as the last call left it.</summary>
    public BatchRun? Batch { get; internal set; }
}
