using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data;

/// <summary>The service's store: registry, batches with their forms and results, review cases, clean records, audit trail.</summary>
public sealed class ReconDbContext(DbContextOptions<ReconDbContext> options) : DbContext(options)
{
    public DbSet<RegistryRecordRow> RegistryRecords => Set<RegistryRecordRow>();
    public DbSet<BatchRow> Batches => Set<BatchRow>();
    public DbSet<BatchFormRow> BatchForms => Set<BatchFormRow>();
    public DbSet<BatchResultRow> BatchResults => Set<BatchResultRow>();
    public DbSet<DiscrepancyRow> Discrepancies => Set<DiscrepancyRow>();
    public DbSet<ReviewCaseRow> ReviewCases => Set<ReviewCaseRow>();
    public DbSet<FieldDecisionRow> FieldDecisions => Set<FieldDecisionRow>();
    public DbSet<CleanRecordRow> CleanRecords => Set<CleanRecordRow>();
    public DbSet<AuditEventRow> AuditEvents => Set<AuditEventRow>();
    public DbSet<StoreVersionRow> StoreVersions => Set<StoreVersionRow>();
    public DbSet<LinkDecisionRow> LinkDecisions => Set<LinkDecisionRow>();
    public DbSet<BulkDecisionRow> BulkDecisions => Set<BulkDecisionRow>();
    public DbSet<CaseTallyRow> CaseTallies => Set<CaseTallyRow>();

    /// <summary>
    /// Saves; a save outside a transaction of ours (EF Core then commits its own when the save is more than one
    /// statement: a batch started and its audit event) is not started on a cancelled token but, once started, let finish:
    /// EF Core commits its transaction with the caller's token, and a commit cut short by a client that disconnects
    /// leaves the change's outcome unknown and logs a transaction error (issue 13). Inside a transaction of ours
    /// (<see cref="Transactions.InTransactionAsync{T}(IDbContextFactory{ReconDbContext}, Func{ReconDbContext, CancellationToken, Task{T}}, CancellationToken)"/>)
    /// the token cancels the save as it cancels any statement: the commit is the transaction's.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, CancellationToken.None);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReconDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset in SQL; UTC ticks sort and compare the same on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
        // Enums are stored as their numbers, which are never renumbered; this is the one place that says so.
        configurationBuilder.Properties<MatchStatus>().HaveConversion<int>();
        configurationBuilder.Properties<BatchRunState>().HaveConversion<int>();
        configurationBuilder.Properties<ReviewCaseState>().HaveConversion<int>();
        configurationBuilder.Properties<DecisionKind>().HaveConversion<int>();
        configurationBuilder.Properties<CaseKind>().HaveConversion<int>();
        configurationBuilder.Properties<LinkDecisionKind>().HaveConversion<int>();
    }
}
