using CccdRecon.Core.Names;
using CccdRecon.Data.Configurations;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Review;

public sealed partial class ReviewStore
{
    private const int UpgradePage = 2_000;

    /// <summary>The queue order key of a form's name, as stored on its case.</summary>
    internal static string SortKeyOf(string? fullName) => NameOrder.Storable(NameOrder.SortKey(fullName), ReviewCaseRowLimits.SortKeyLength);

    /// <summary>
    /// Gives cases stored before the queue had a name order their sort key (the migration that added the column cannot
    /// compute it: it is Core's Vietnamese collation). Run at start, after the migrations; returns how many it keyed.
    /// </summary>
    public async Task<long> UpgradeAsync(CancellationToken cancellationToken)
    {
        long keyed = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ReviewCases.Where(c => c.SortKey == "").OrderBy(c => c.Id).Take(UpgradePage).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return keyed;
            }
            var names = await FormNamesAsync(db, rows, cancellationToken);
            foreach (var row in rows)
            {
                row.SortKey = SortKeyOf(names.GetValueOrDefault((row.BatchId, row.FormId)).FullName);
            }
            await db.SaveChangesAsync(cancellationToken);
            keyed += rows.Count;
        }
    }
}
