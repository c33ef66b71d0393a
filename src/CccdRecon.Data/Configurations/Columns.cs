namespace CccdRecon.Data.Configurations;

/// <summary>Column sizes shared by every table; SQL Server needs bounded keys for indexes.</summary>
internal static class Columns
{
    public const int Key = 64;
    public const int Text = 512;
    public const int Short = 32;
}

/// <summary>The queue's sort key: enough of a name's list-order key to order by (ties by id).</summary>
internal static class ReviewCaseRowLimits
{
    public const int SortKeyLength = Review.QueueSortKey.MaxUnits * Review.QueueSortKey.MaxCodeLength;
}
