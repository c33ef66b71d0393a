using System.Runtime.CompilerServices;
using CccdRecon.Core.Matching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Registry;

/// <summary>
/// Reads the registry the server stores, for a silo of cluster mode (issue 14): a partition's records by residence and
/// every record's ID numbers. Read-only, with no lock, checks or audit: the server owns the database (and, with SQLite,
/// its lock file); a silo only reads committed rows (SQLite in WAL mode lets it read while the server writes).
/// </summary>
public sealed class RegistryReader
{
    private readonly DbContextOptions<ReconDbContext> _options;

    public RegistryReader(DatabaseOptions options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? "Data Source=data/cccdrecon.db" : connectionString)
            {
                Mode = SqliteOpenMode.ReadOnly,
            };
            connectionString = sqlite.ToString();
        }
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, options, connectionString);
        _options = builder.Options;
    }

    /// <summary>
    /// The records whose residence is <paramref name="province"/> (<see cref="Entities.RegistryRecordRow.ResidenceProvince"/>;
    /// "" for records whose address names no province), by its index; also rows not yet given a residence (written
    /// before the column existed, until the server's start fills it), which the caller places itself.
    /// </summary>
    public async IAsyncEnumerable<RegistryRecord> ResidentsAsync(string province, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(province);
        await using var db = new ReconDbContext(_options);
        var rows = db.RegistryRecords.AsNoTracking().Where(r => r.ResidenceProvince == province || r.ResidenceProvince == null);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToRecord();
        }
    }

    /// <summary>How many records <see cref="ResidentsAsync"/> would read.</summary>
    public async Task<long> CountResidentsAsync(string province, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(province);
        await using var db = new ReconDbContext(_options);
        return await db.RegistryRecords.LongCountAsync(r => r.ResidenceProvince == province || r.ResidenceProvince == null, cancellationToken);
    }

    /// <summary>Every record that bears an ID number: its id, numbers and address (to place it), nothing else.</summary>
    public async IAsyncEnumerable<RegistryRecord> IdentifiedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = new ReconDbContext(_options);
        var rows = db.RegistryRecords.AsNoTracking().Where(r => r.Person.PersonalId != null || r.OldId != null)
            .Select(r => new { r.RecordId, r.Person.PersonalId, r.OldId, r.Person.PermanentAddress });
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new RegistryRecord { RecordId = row.RecordId, PersonalId = row.PersonalId, OldId = row.OldId, FullName = "", PermanentAddress = row.PermanentAddress };
        }
    }
}
