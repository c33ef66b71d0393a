using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class BatchResultConfiguration : IEntityTypeConfiguration<BatchResultRow>
{
    public void Configure(EntityTypeBuilder<BatchResultRow> b)
    {
        b.ToTable("BatchResults");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        // A form is never counted twice, even if a chunk were replayed.
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.FormRowId });
        b.HasIndex(x => new { x.BatchId, x.Status, x.FormRowId });
        b.HasMany(x => x.Discrepancies).WithOne().HasForeignKey(d => d.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BatchRow>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
