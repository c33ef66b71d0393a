using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class FieldDecisionConfiguration : IEntityTypeConfiguration<FieldDecisionRow>
{
    public void Configure(EntityTypeBuilder<FieldDecisionRow> b)
    {
        b.ToTable("FieldDecisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Field).HasMaxLength(Columns.Short);
        b.Property(x => x.Value).HasMaxLength(Columns.Text);
        b.Property(x => x.Reviewer).HasMaxLength(Columns.Text);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.CaseId, x.Field });
        b.HasIndex(x => x.BulkId);
    }
}
