using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventRow>
{
    public void Configure(EntityTypeBuilder<AuditEventRow> b)
    {
        b.ToTable("AuditEvents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Subject).HasMaxLength(Columns.Text);
        b.Property(x => x.Role).HasMaxLength(Columns.Key);
        b.Property(x => x.Units).HasMaxLength(Columns.Text);
        b.Property(x => x.Action).HasMaxLength(Columns.Key);
        b.Property(x => x.TraceId).HasMaxLength(Columns.Key);
        // Targets is unbounded: a page lists up to Limits:MaxPageSize ids.
        b.HasIndex(x => new { x.Subject, x.Id });
        b.HasIndex(x => new { x.Action, x.Id });
        b.HasIndex(x => x.OccurredAt);
    }
}
