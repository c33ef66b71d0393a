using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class DiscrepancyConfiguration : IEntityTypeConfiguration<DiscrepancyRow>
{
    public void Configure(EntityTypeBuilder<DiscrepancyRow> b)
    {
        b.ToTable("Discrepancies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Field).HasMaxLength(Columns.Short);
        b.Property(x => x.Kind).HasMaxLength(Columns.Short);
        b.Property(x => x.FormValue).HasMaxLength(Columns.Text);
        b.Property(x => x.RegistryValue).HasMaxLength(Columns.Text);
        b.Property(x => x.Suggestion).HasMaxLength(Columns.Text);
        b.Property(x => x.Reason).HasMaxLength(Columns.Text);
        b.HasIndex(x => new { x.Field, x.Kind });
        b.HasIndex(x => new { x.ResultId, x.Field, x.Kind });
    }
}
