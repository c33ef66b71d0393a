using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class CaseTallyConfiguration : IEntityTypeConfiguration<CaseTallyRow>
{
    public void Configure(EntityTypeBuilder<CaseTallyRow> b)
    {
        b.ToTable("CaseTallies");
        b.HasKey(x => new { x.BatchId, x.Kind, x.State, x.Field, x.DiffKind });
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.Field).HasMaxLength(Columns.Short);
        b.Property(x => x.DiffKind).HasMaxLength(Columns.Short);
        b.HasOne<BatchRow>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
