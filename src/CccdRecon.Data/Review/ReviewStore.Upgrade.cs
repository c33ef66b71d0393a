using CccdRecon.Core.Addresses;
using CccdRecon.Core.Names;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Review;

public sealed partial class ReviewStore
{
    private const int UpgradePage = 2_000;

    /// <summary>Cases given their commune per round trip by <see cref="UpgradeCommunesAsync"/>.</summary>
    private const int CommunePage = 5_000;

    /// <summary>The queue order key of a form's name, as stored on its case.</summary>
    internal static string SortKeyOf(string? fullName) => QueueSortKey.Of(NameOrder.SortKey(fullName));

    /// <summary>
    /// Gives cases stored before the queue had a name order, or before its key was written as <see cref="QueueSortKey"/>
    /// (migration <c>QueueSortKeyDense</c> empties the old keys), their sort key and their flags summary (a migration cannot
    /// compute the key: it is Core's Vietnamese collation). Run at start, after the migrations, a page of cases at a time
    /// in id order; returns how many it completed.
    /// </summary>
    public async Task<long> UpgradeAsync(CancellationToken cancellationToken)
    {
        long keyed = 0, after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ReviewCases.Where(c => c.Id > after && (c.SortKey == "" || c.Flags == null)).OrderBy(c => c.Id).Take(UpgradePage)
                .Include(c => c.Result!).ThenInclude(r => r.Discrepancies).AsSplitQuery().ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return keyed;
            }
            after = rows[^1].Id;
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

    /// <summary>
    /// Gives cases stored before cases kept their commune (<see cref="Entities.ReviewCaseRow.CommuneKey"/>) the commune of
    /// their form's address, read by Core's <see cref="AddressCommune"/> as new cases are (SQL cannot parse an address).
    /// Run at start, after the migrations, a page of cases at a time in id order, each page one read and one
    /// <c>UPDATE</c> per commune of the page; returns how many it filled.
    /// </summary>
    public async Task<long> UpgradeCommunesAsync(CancellationToken cancellationToken)
    {
        long filled = 0, after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var page = await (from c in db.ReviewCases.AsNoTracking()
                              where c.Id > after && c.CommuneKey == null
                              orderby c.Id
                              join f in db.BatchForms.AsNoTracking() on new { c.BatchId, c.FormId } equals new { f.BatchId, f.FormId } into forms
                              from f in forms.DefaultIfEmpty()
                              select new { c.Id, Address = f == null ? null : f.Person.PermanentAddress })
                .Take(CommunePage).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return filled;
            }
            after = page[^1].Id;
            var communes = page.GroupBy(p => AddressCommune.Of(p.Address) is { } c ? (c.Key, c.Label) : ("", ""), p => p.Id).ToList();
            await dbFactory.InTransactionAsync(async (tx, token) =>
            {
                foreach (var commune in communes)
                {
                    var ids = commune.ToList();
                    var (key, label) = commune.Key;
                    await tx.ReviewCases.Where(c => ids.Contains(c.Id) && c.CommuneKey == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(c => c.CommuneKey, key).SetProperty(c => c.Commune, label), token);
                }
                return 0;
            }, cancellationToken);
            filled += page.Count;
        }
    }
}
