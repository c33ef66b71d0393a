using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Registry;

/// <summary>
/// The civil registry (cơ sở dữ liệu hộ tịch): records upserted into the database and the in-memory index together,
/// one call per transaction; reads come from the index.
/// </summary>
public sealed class RegistryStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    RegistryVersions versions,
    TimeProvider time)
{
    public const string RecordIdField = "record_id";
    public const int MaxIdLength = 64;

    private static readonly string[] Genders = ["male", "female"];

    /// <summary>
    /// Upserts one message's records (the last wins when a message repeats a record_id); a record that breaks the
    /// rules is refused and reported, the rest are kept, written by the provider's bulk path with the next registry
    /// version. The audit event commits with them.
    /// </summary>
    public async Task ImportAsync(RegistryImport import, IReadOnlyList<RegistryRecord> records, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (records.Count > max.MaxItemsPerMessage)
        {
            throw new InvalidInputException("records", $"at most {max.MaxItemsPerMessage} records per message");
        }

        var readable = new List<RegistryRecord>(records.Count);
        var positions = new Dictionary<RegistryRecord, long>(ReferenceEqualityComparer.Instance);
        foreach (var record in records)
        {
            var position = import.Position++;
            var check = Check(record, max);
            if (check.IsValid)
            {
                readable.Add(record);
                positions[record] = position;
            }
            else
            {
                Reject(import, max, position, record, check);
            }
        }
        if (readable.Count == 0)
        {
            return;
        }

        await versions.Gate.WaitAsync(cancellationToken);
        try
        {
            // The index profiles the records (in parallel) and refuses the unreadable ones.
            var unreadable = new HashSet<RegistryRecord>(ReferenceEqualityComparer.Instance);
            index.AddRange(readable, (record, problem) =>
            {
                unreadable.Add(record);
                Reject(import, max, positions[record], record, new Validator(max).Add("record", problem));
            }, cancellationToken);
            var accepted = new Dictionary<string, RegistryRecord>(StringComparer.Ordinal);
            foreach (var record in readable.Where(r => !unreadable.Contains(r)))
            {
                accepted[record.RecordId] = record;
            }
            if (accepted.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            var (version, existing) = await dbFactory.InTransactionAsync(async (db, token) =>
            {
                // First: the version row's lock orders the imports of every instance.
                await db.StoreVersions.Where(v => v.Name == StoreVersionRow.Registry)
                    .ExecuteUpdateAsync(set => set.SetProperty(v => v.Value, v => v.Value + 1), token);
                var version = await db.StoreVersions.Where(v => v.Name == StoreVersionRow.Registry).Select(v => v.Value).FirstAsync(token);
                var ids = accepted.Keys.ToList();
                var existing = await db.RegistryRecords.Where(r => EF.Parameter(ids).Contains(r.RecordId)).CountAsync(token);
                var rows = accepted.Values.Select(record =>
                {
                    var row = new RegistryRecordRow { RecordId = record.RecordId };
                    row.Update(record, now, version);
                    return row;
                }).ToList();
                await BulkWriter.For(db.Database).UpsertAsync(db, db.Table<RegistryRecordRow>(), rows, token);
                audit.Add(db, caller, AuditActions.ImportRecords, accepted.Keys.Select(AuditTarget.Record));
                await db.SaveChangesAsync(token);
                return (version, existing);
            }, cancellationToken);
            versions.MarkApplied(version);
            import.Imported += accepted.Count - existing;
            import.Updated += existing;
        }
        finally
        {
            versions.Gate.Release();
        }
    }

    private static void Reject(RegistryImport import, StoreLimits max, long position, RegistryRecord record, Validator check)
    {
        import.Rejected++;
        if (import.Rejections.Count < max.MaxReportedErrors)
        {
            import.Rejections.Add(new ItemRejection(position, record.RecordId is { Length: <= MaxIdLength } key ? key : "", check.Violations));
        }
    }

    /// <summary>A record by id; the read is audited.</summary>
    public async Task<RegistryRecord> GetAsync(string? recordId, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(recordId))
        {
            throw new InvalidInputException(RecordIdField, "is required");
        }
        var record = index.Get(recordId.Trim()) ?? throw new NotFoundException("record", recordId.Trim());
        await audit.WriteAsync(caller, AuditActions.GetRecord, [AuditTarget.Record(record.RecordId)], cancellationToken);
        return record;
    }

    /// <summary>Loads every stored record into the index (at start, before the first call); returns how many were unreadable.</summary>
    public async Task<int> LoadIndexAsync(CancellationToken cancellationToken)
    {
        await versions.Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var upTo = await CurrentVersionAsync(db, cancellationToken);
            var unreadable = await LoadAsync(db.RegistryRecords.AsNoTracking(), cancellationToken);
            versions.Advance(upTo);
            return unreadable;
        }
        finally
        {
            versions.Gate.Release();
        }
    }

    /// <summary>
    /// Loads the records other server instances on the same database imported since this one last looked (every
    /// version it has not applied itself); returns how many records it loaded.
    /// </summary>
    public async Task<int> RefreshIndexAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await CurrentVersionAsync(db, cancellationToken) <= versions.Seen)
        {
            return 0;
        }
        await versions.Gate.WaitAsync(cancellationToken);
        try
        {
            var upTo = await CurrentVersionAsync(db, cancellationToken);
            var missing = versions.Missing(upTo);
            var loaded = 0;
            foreach (var some in missing.Chunk(VersionsPerQuery))
            {
                loaded += await LoadAsync(db.RegistryRecords.AsNoTracking().Where(r => EF.Parameter(some).Contains(r.Version)), cancellationToken, countLoaded: true);
            }
            versions.Advance(upTo);
            return loaded;
        }
        finally
        {
            versions.Gate.Release();
        }
    }

    private const int VersionsPerQuery = 500;
    private const int RecordsPerLoad = 50_000;

    private static Task<long> CurrentVersionAsync(ReconDbContext db, CancellationToken cancellationToken)
        => db.StoreVersions.AsNoTracking().Where(v => v.Name == StoreVersionRow.Registry).Select(v => v.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Streams the rows into the index in large parallel loads; returns the unreadable count (or the loaded count).</summary>
    private async Task<int> LoadAsync(IQueryable<RegistryRecordRow> rows, CancellationToken cancellationToken, bool countLoaded = false)
    {
        var (unreadable, loaded) = (0, 0);
        var buffer = new List<RegistryRecord>(RecordsPerLoad);
        void Flush()
        {
            var added = index.AddRange(buffer, (_, _) => unreadable++, cancellationToken);
            loaded += added;
            buffer.Clear();
        }
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            buffer.Add(row.ToRecord());
            if (buffer.Count == RecordsPerLoad)
            {
                Flush();
            }
        }
        Flush();
        return countLoaded ? loaded : unreadable;
    }

    /// <summary>
    /// A record needs an id and a name; date of birth and gender may be unknown to the registry (the engine then takes
    /// them as no evidence), but a gender given must be one the registry uses.
    /// </summary>
    private static Validator Check(RegistryRecord record, StoreLimits max)
    {
        var check = new Validator(max);
        check.Required(RecordIdField, record.RecordId, MaxIdLength).Required(PersonFields.FullName, record.FullName);
        foreach (var field in PersonFields.OfRecord)
        {
            if (field != PersonFields.FullName)
            {
                check.MaxLength(field, PersonFields.ValueOf(record, field));
            }
            check.Storable(field, PersonFields.ValueOf(record, field));
        }
        if (!string.IsNullOrWhiteSpace(record.Gender) && !Genders.Contains(record.Gender.Trim()))
        {
            check.Add(PersonFields.Gender, "must be 'male' or 'female'");
        }
        return check;
    }
}
