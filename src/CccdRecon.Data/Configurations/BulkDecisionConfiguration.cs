using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class BulkDecisionConfiguration : IEntityTypeConfiguration<BulkDecisionRow>
{
    public void Configure(EntityTypeBuilder<BulkDecisionRow> b)
    {
        b.ToTable("BulkDecisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Unit).HasMaxLength(Columns.Short);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.Field).HasMaxLength(Columns.Short);
        b.Property(x => x.Kind).HasMaxLength(Columns.Short);
        b.Property(x => x.Reviewer).HasMaxLength(Columns.Text);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.Unit, x.Id });
    }
}
