using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

/// <summary>Column sizes shared by every table; SQL Server needs bounded keys for indexes.</summary>
internal static class Columns
{
    public const int Key = 64;
    public const int Text = 512;
    public const int Short = 32;
}

/// <summary>The person columns shared by registry records, batch forms and clean records.</summary>
internal static class PersonColumns
{
    private static readonly string[] Text =
        ["FullName", "BirthPlace", "Hometown", "Ethnicity", "PermanentAddress", "FatherName", "MotherName"];

    /// <summary>Bounds every person column; <paramref name="keyed"/> columns hold raw form input, so they get the text size.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b, bool keyed) where T : class
    {
        foreach (var name in Text)
        {
            b.Property(name).HasMaxLength(Columns.Text);
        }
        var coded = keyed ? Columns.Text : Columns.Short;
        b.Property("PersonalId").HasMaxLength(coded);
        b.Property("DateOfBirth").HasMaxLength(coded);
        b.Property("Gender").HasMaxLength(coded);
    }
}

internal sealed class RegistryRecordConfiguration : IEntityTypeConfiguration<RegistryRecordRow>
{
    public void Configure(EntityTypeBuilder<RegistryRecordRow> b)
    {
        b.ToTable("RegistryRecords");
        b.HasKey(r => r.RecordId);
        b.Property(r => r.RecordId).HasMaxLength(Columns.Key);
        b.Property(r => r.OldId).HasMaxLength(Columns.Short);
        PersonColumns.Configure(b, keyed: false);
    }
}

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
        b.HasIndex(x => x.FormsHash);
        b.HasIndex(x => x.Unit);
        b.HasIndex(x => x.State);
    }
}

internal sealed class BatchFormConfiguration : IEntityTypeConfiguration<BatchFormRow>
{
    public void Configure(EntityTypeBuilder<BatchFormRow> b)
    {
        b.ToTable("BatchForms");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        PersonColumns.Configure(b, keyed: true);
        // Idempotent AddForms: a form_id appears once per batch.
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.Processed, x.Id });
        b.HasOne<BatchRow>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BatchResultConfiguration : IEntityTypeConfiguration<BatchResultRow>
{
    public void Configure(EntityTypeBuilder<BatchResultRow> b)
    {
        b.ToTable("BatchResults");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.RecordId).HasMaxLength(Columns.Key);
        // A form is never counted twice, even if a chunk were replayed.
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.FormRowId });
        b.HasIndex(x => new { x.BatchId, x.Status, x.FormRowId });
        b.HasMany(x => x.Discrepancies).WithOne().HasForeignKey(d => d.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BatchRow>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
    }
}

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCaseRow>
{
    public void Configure(EntityTypeBuilder<ReviewCaseRow> b)
    {
        b.ToTable("ReviewCases");
        b.HasKey(x => x.Id);
        b.Property(x => x.BatchId).HasMaxLength(Columns.Key);
        b.Property(x => x.FormId).HasMaxLength(Columns.Key);
        b.Property(x => x.ClaimedBy).HasMaxLength(Columns.Text);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ResultId).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.State });
        b.HasOne(x => x.Result).WithMany().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Decisions).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
    }
}

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
        PersonColumns.Configure(b, keyed: true);
        b.Property(x => x.Sources).HasMaxLength(Columns.Text);
        b.HasIndex(x => new { x.BatchId, x.FormId }).IsUnique();
        b.HasIndex(x => new { x.BatchId, x.Id });
    }
}

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
