using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class LinkDecisionConfiguration : IEntityTypeConfiguration<LinkDecisionRow>
{
    public void Configure(EntityTypeBuilder<LinkDecisionRow> b)
    {
        b.ToTable("LinkDecisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        b.Property(x => x.Reviewer).HasMaxLength(Columns.Text);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => x.CaseId);
    }
}
