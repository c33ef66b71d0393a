using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class StoreVersionConfiguration : IEntityTypeConfiguration<StoreVersionRow>
{
    public void Configure(EntityTypeBuilder<StoreVersionRow> b)
    {
        b.ToTable("StoreVersions");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(Columns.Key);
        b.HasData(new StoreVersionRow { Name = StoreVersionRow.Registry, Value = 0 });
    }
}
