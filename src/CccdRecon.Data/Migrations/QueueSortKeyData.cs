namespace CccdRecon.Data.Migrations;

/// <summary>
/// The data part of the <c>QueueSortKeyDense</c> migration, the same standard SQL for every provider: the queue's sort
/// keys are written in a narrower form (<see cref="Review.QueueSortKey"/>), which SQL cannot compute from the old one, so
/// every key is emptied and <c>ReviewStore.UpgradeAsync</c> writes it again at start. Down empties them too: the older
/// build then writes its own form at its start.
/// </summary>
public static class QueueSortKeyData
{
    public const string EmptyKeys = "UPDATE ReviewCases SET SortKey = ''";
}
