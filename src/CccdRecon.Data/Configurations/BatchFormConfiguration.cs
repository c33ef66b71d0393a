using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

internal sealed class BatchFormConfiguration : IEntityTypeConfiguration<BatchFormRow>
{
    public void Configure(EntityTypeBuilder<BatchFormRow> b)
    {
        b.ToTable("BatchForms");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        PersonColumnsMapping.Map(b, x => x.Person, keyed: true, requireFullName: false);
        // Idempotent AddForms: a form_id appears once per batch.
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        // Chunks are read in id order after the batch's cursor.
        b.HasIndex(x => new { x.BatchId, x.Id });
        // No foreign key to Batches: an upload's write updates its batch's row (open) in the same transaction and rolls
        // back when it finds none, and no batch is ever deleted (as BatchResults: a check per form inside the COPY).
    }
}
