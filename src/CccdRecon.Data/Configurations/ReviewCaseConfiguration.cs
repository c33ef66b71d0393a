using CccdRecon.Core.Addresses;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCaseRow>
{
    /// <summary>The claims index's filter: only cases someone has claimed.</summary>
    internal const string ClaimedFilter = "\"ClaimedAt\" IS NOT NULL";

    public void Configure(EntityTypeBuilder<ReviewCaseRow> b)
    {
        b.ToTable("ReviewCases");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.ClaimedBy).HasMaxLength(Columns.Text);
        b.Property(x => x.Unit).HasMaxLength(Columns.Short);
        b.Property(x => x.SortKey).HasMaxLength(ReviewCaseRowLimits.SortKeyLength);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        b.Property(x => x.Flags).HasMaxLength(Review.CaseFlags.MaxLength);
        b.Property(x => x.CommuneKey).HasMaxLength(AddressCommune.MaxKeyLength);
        b.Property(x => x.Commune).HasMaxLength(AddressCommune.MaxLabelLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ResultId).IsUnique();
        // The queue: a unit's (or a batch's) cases of a state in list order, paged by (SortKey, Id), and the same in
        // creation order (the gRPC listing's default). Every unit's queue is read unit by unit through the first and
        // merged (as a reviewer's units are): an index led by the state alone would be two more entries for every case a
        // batch writes, one of them in name order (issue 13).
        b.HasIndex(x => new { x.Unit, x.State, x.SortKey, x.Id });
        b.HasIndex(x => new { x.BatchId, x.State, x.SortKey, x.Id });
        b.HasIndex(x => new { x.Unit, x.State, x.Id });
        b.HasIndex(x => new { x.BatchId, x.State, x.Id });
        // Live claims are few: counted and filtered through this index, which holds only claimed cases (a batch writes
        // none); every query on it compares ClaimedAt, which implies the filter on each database. Double quotes name
        // the column on all three (SQL Server's EF connections run with QUOTED_IDENTIFIER on, as filtered indexes need).
        b.HasIndex(x => x.ClaimedAt).HasFilter(ClaimedFilter);
        // No (batch, form_id) index: a case is found by id or result, its form through BatchForms' index, and a rerun's
        // whole-batch deletes walk the batch's range of the indexes above.
        // Cases by commune (the dashboard's GROUP BY, the notices of one commune): a batch's range, covering.
        b.HasIndex(x => new { x.BatchId, x.CommuneKey, x.Commune, x.Kind });
        b.HasOne(x => x.Result).WithMany().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Decisions).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.LinkDecisions).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
