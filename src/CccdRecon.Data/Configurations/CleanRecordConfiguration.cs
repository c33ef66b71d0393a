using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class CleanRecordConfiguration : IEntityTypeConfiguration<CleanRecordRow>
{
    public void Configure(EntityTypeBuilder<CleanRecordRow> b)
    {
        b.ToTable("CleanRecords");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        b.Property(x => x.OldId).HasMaxLength(Columns.Short);
        // A reviewer's correction may be longer than a registry code, so the coded columns get the text size.
        PersonColumnsMapping.Map(b, x => x.Person, keyed: true, requireFullName: true);
        b.Property(x => x.Sources).HasMaxLength(Columns.Text);
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.Id });
    }
}
