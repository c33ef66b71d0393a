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
    /// Gives cases stored before the queue had a name order their sort key and their flags summary (the migration that
    /// added the columns cannot compute the key: it is Core's Vietnamese collation). Run at start, after the migrations;
    /// returns how many it completed.
    /// </summary>
    public async Task<long> UpgradeAsync(CancellationToken cancellationToken)
    {
        long keyed = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ReviewCases.Where(c => c.SortKey == "" || c.Flags == null).OrderBy(c => c.Id).Take(UpgradePage)
                .Include(c => c.Result!).ThenInclude(r => r.Discrepancies).AsSplitQuery().ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return keyed;
            }
            var names = await FormNamesAsync(db, rows, cancellationToken);
            foreach (var row in rows)
            {
                row.SortKey = SortKeyOf(names.GetValueOrDefault((row.BatchId, row.FormId)).FullName);
                row.Flags = CaseFlags.Format(CurrentFlags(row).Select(d => (d.Field, d.Kind)));
            }
            await db.SaveChangesAsync(cancellationToken);
            keyed += rows.Count;
        }
    }
}
