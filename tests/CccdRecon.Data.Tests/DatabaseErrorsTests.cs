using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>Only a unique key taken by another writer is a conflict; every other failed write is a fault.</summary>
public sealed class DatabaseErrorsTests
{
    [Fact]
    public async Task A_unique_key_violation_is_a_conflict_and_a_missing_required_value_is_not()
    {
        await using var host = await StoreHost.StartAsync();
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Batches.Add(new BatchRow { Id = "b1", Unit = "05443" });
            await db.SaveChangesAsync();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Batches.Add(new BatchRow { Id = "b1", Unit = "05443" });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsUniqueViolation(duplicate));
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            // A discrepancy pointing at no result breaks a foreign key: a fault, not a race to retry.
            db.Discrepancies.Add(new DiscrepancyRow { ResultId = 999_999, Field = "full_name", Kind = "mismatch" });
            var orphan = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.False(DatabaseErrors.IsUniqueViolation(orphan));
        }
    }
}
