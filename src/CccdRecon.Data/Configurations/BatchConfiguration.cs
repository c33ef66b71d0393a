using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<BatchRow>
{
    public void Configure(EntityTypeBuilder<BatchRow> b)
    {
        b.ToTable("Batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(Columns.Key);
        b.Property(x => x.DisplayName).HasMaxLength(Columns.Text);
        b.Property(x => x.FormsHash).HasMaxLength(Columns.Text);
        b.Property(x => x.Unit).HasMaxLength(Columns.Short);
        b.Property(x => x.LeaseOwner).HasMaxLength(Columns.Key);
        b.Property(x => x.ModelVersion).HasMaxLength(Columns.Short);
        b.HasIndex(x => x.FormsHash);
        b.HasIndex(x => x.Unit);
        b.HasIndex(x => x.State);
    }
}
