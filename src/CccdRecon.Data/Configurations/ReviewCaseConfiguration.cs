using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCaseRow>
{
    public void Configure(EntityTypeBuilder<ReviewCaseRow> b)
    {
        b.ToTable("ReviewCases");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.ClaimedBy).HasMaxLength(Columns.Text);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ResultId).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.State });
        b.HasOne(x => x.Result).WithMany().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Decisions).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
