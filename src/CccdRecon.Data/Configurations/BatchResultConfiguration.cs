using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class BatchResultConfiguration : IEntityTypeConfiguration<BatchResultRow>
{
    /// <summary>
    /// The status index's filter: only results that are not clean (the status is stored as its number; clean is 0).
    /// Double quotes name the column on all three databases, as the review cases' claims filter does.
    /// </summary>
    internal const string NotCleanFilter = "\"Status\" <> 0";

    public void Configure(EntityTypeBuilder<BatchResultRow> b)
    {
        b.ToTable("BatchResults");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        // A form is never counted twice, even if a chunk were replayed: one result per form row (a form row is one
        // form_id of the batch, unique in BatchForms). The same index pages the results in form order and answers the
        // "still to match" check. A (batch, form_id) index besides it was one more text key written per result, read by
        // no query (issue 13: index upkeep was most of the chunk write's database CPU).
        b.HasIndex(x => new { x.BatchId, x.FormRowId }).IsUnique();
        // A status's listing in form order. Only results that are not clean are in it (issue 13: 70 % of a batch is
        // clean, and this index, keyed by the batch's id, was the largest of the table, 45 MB of 79 at 400,000 forms):
        // the clean listing reads the (batch, form row) index above and skips the ≈ 3 in 10 that are not, while a rarer
        // status is still read as a range of its own. The listing states the filter in its query (a literal
        // Status <> 0), as SQLite uses a partial index only for a query whose WHERE holds its filter's terms.
        b.HasIndex(x => new { x.BatchId, x.Status, x.FormRowId }).HasFilter(NotCleanFilter);
        b.HasMany(x => x.Discrepancies).WithOne().HasForeignKey(d => d.ResultId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to Batches: every chunk write updates its batch's row in the same transaction and rolls back
        // when it finds none, and no batch is ever deleted. The key's check was a query per result inside the COPY
        // (issue 13: ≈ 1.7 s of PostgreSQL's CPU at 400,000 forms).
    }
}
