using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CccdRecon.Data.Batches;

/// <summary>
/// Which of an upload's form_ids a batch holds already: each id looked up by itself in the (batch, form_id) unique
/// index, so one transaction of an upload reads as many index entries as it sends ids, however many forms the batch
/// holds. The plain <c>batch = @b AND form_id IN (@ids)</c> was planned on PostgreSQL as a scan of every form of the
/// batch (20,000 ids count as "most of the table" to its estimate), so each 20,000-form write of an upload read all
/// the forms written before it: quadratic (≈ 200 ms a write at 1.3 M forms; at 400k, 20,000 ids: 163 ms and 121,324
/// rows filtered out before, 83 ms and 20,000 index probes now). Looked up only when the unique index refuses a write
/// of <see cref="BatchStore"/>'s upload: its writes send new forms, nearly always.
/// </summary>
internal static class KnownForms
{
    /// <summary>
    /// PostgreSQL: a lateral subquery with <c>LIMIT</c> is never flattened into a join, so it runs once per id as an
    /// index probe (a hash join over the batch's forms cannot be chosen).
    /// </summary>
    internal static string PostgreSqlQuery(DbContext db)
    {
        var (table, batch, form) = Names(db);
        return $"SELECT k.id AS \"Value\" FROM unnest(@ids) AS k(id) CROSS JOIN LATERAL "
            + $"(SELECT 1 FROM {table} AS f WHERE f.{batch} = @batch AND f.{form} = k.id LIMIT 1) AS hit";
    }

    /// <summary>The ids of <paramref name="formIds"/> the batch holds (no particular order).</summary>
    public static async Task<List<string>> OfAsync(ReconDbContext db, string batchId, IReadOnlyList<string> formIds, CancellationToken cancellationToken)
    {
        if (formIds.Count == 0)
        {
            return [];
        }
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<string>(PostgreSqlQuery(db),
                new NpgsqlParameter("batch", batchId), new NpgsqlParameter("ids", formIds.ToArray())).ToListAsync(cancellationToken);
        }
        // SQLite plans EF Core's json_each list as one probe of the unique index per id ("SEARCH … USING COVERING INDEX
        // IX_BatchForms_BatchId_FormId (BatchId=? AND FormId=?)"). SQL Server gets an OPENJSON list its optimizer can
        // probe the index with: unproven here, no SQL Server runs on this machine.
        var ids = formIds as List<string> ?? [.. formIds];
        return await db.BatchForms.Where(f => f.BatchId == batchId && EF.Parameter(ids).Contains(f.FormId)).Select(f => f.FormId)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The forms table and its batch and form_id columns, quoted, from the model.</summary>
    private static (string Table, string Batch, string Form) Names(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(BatchFormRow)) ?? throw new InvalidOperationException("BatchFormRow is not in the model");
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        string Column(string property) => Bulk.BulkTables.Quote(entity.FindProperty(property)!.GetColumnName(store)!);
        return (Bulk.BulkTables.Quote(table), Column(nameof(BatchFormRow.BatchId)), Column(nameof(BatchFormRow.FormId)));
    }
}
