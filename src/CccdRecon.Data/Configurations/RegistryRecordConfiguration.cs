using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class RegistryRecordConfiguration : IEntityTypeConfiguration<RegistryRecordRow>
{
    public void Configure(EntityTypeBuilder<RegistryRecordRow> b)
    {
        b.ToTable("RegistryRecords");
        b.HasKey(r => r.RecordId);
        b.Property(r => r.RecordId).HasMaxLength(Columns.Key);
        b.Property(r => r.OldId).HasMaxLength(Columns.Short);
        PersonColumnsMapping.Map(b, r => r.Person, keyed: false, requireFullName: true);
        b.HasIndex(r => r.Version);
    }
}
