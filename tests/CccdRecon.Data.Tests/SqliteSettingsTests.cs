using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Every SQLite connection the stores open commits durably against a kill (WAL, <c>synchronous=NORMAL</c>) and
/// checkpoints the WAL every 64 MiB rather than every 4 MiB (SQLite's default), which made nearly every batch chunk's
/// commit copy and fsync pages; and keeps up to 64 MiB of pages in its cache rather than 2 MiB, which the by-name queue
/// indexes outgrow early in a large batch.
/// </summary>
public sealed class SqliteSettingsTests
{
    [SqliteFact]
    public async Task Every_connection_checkpoints_every_64_MiB_syncs_normally_and_caches_64_MiB()
    {
        await using var host = await StoreHost.StartAsync();
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        for (var i = 0; i < 2; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(16_384L, await PragmaAsync(db, "wal_autocheckpoint"));
            Assert.Equal(1L, await PragmaAsync(db, "synchronous"));
            Assert.Equal(-65_536L, await PragmaAsync(db, "cache_size"));
        }
    }

    private static async Task<long> PragmaAsync(ReconDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
