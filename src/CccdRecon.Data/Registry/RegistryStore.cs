using System.Runtime.CompilerServices;
using CccdRecon.Core.Access;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Registry;

/// <summary>
/// The civil registry (cơ sở dữ liệu hộ tịch): records upserted into the database and the in-memory index together,
/// one call per transaction; reads come from the index. In cluster mode (an <see cref="IRegistryReplica"/> registered)
/// this process holds no records: each call is committed to the database, then applied to the cluster, and reads come
/// from the cluster.
/// </summary>
public sealed class RegistryStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    RegistryVersions versions,
    TimeProvider time,
    ILogger<RegistryStore> logger,
    IRegistryReplica? replica = null)
{
    /// <summary>
    /// How often one message is written again when another import inserted one of its records meanwhile: the retry finds
    /// the row and updates it, as if the imports had come one after the other. More than a few means a real fault.
    /// </summary>
    private const int ConcurrentImportAttempts = 3;

    private readonly RegistryLookup _lookup = new(index, replica);

    /// <summary>
    /// Records one call (one transaction) takes at most. An import stream gathers its messages up to this many before
    /// writing them (<c>RegistryGrpcService</c>): the index then grows in a few large loads — each load lays every block
    /// of the index out again, so a 1.3 M-record registry added 1,000 records at a time cost time and memory that grew
    /// with the square of its size — and a kill loses at most this many records of an import in flight.
    /// </summary>
    public const int RecordsPerTransaction = 20_000;

    public const string RecordIdField = "record_id";
    public const int MaxIdLength = 64;

    /// <summary>The reason of a refused import when the registry is loaded elsewhere (cluster mode with a snapshot source).</summary>
    public const string ReplicaRefusesImports = "REGISTRY_IMPORTED_ELSEWHERE";

    private static readonly string[] Genders = ["male", "female"];

    /// <summary>
    /// One copy of each short value that repeats across the registry held in memory (dates of birth, genders, places,
    /// ethnicities), as the offline reader keeps them: records arrive from messages and rows, each value a fresh string.
    /// Shared by every import and load (under its lock).
    /// </summary>
    private readonly SharedStrings _repeated = new();

    /// <summary>
    /// Whether a load into the index found stored rows it refused (unreadable): the database then holds records the index
    /// does not, and an import always asks the database which of its records are stored (<see cref="SaveAsync"/>).
    /// </summary>
    private volatile bool _storedRowsOutsideIndex;

    /// <summary>The records of one streamed message: at most <c>Limits:MaxItemsPerMessage</c>.</summary>
    public void CheckMessage(int records)
    {
        if (records > limits.Value.MaxItemsPerMessage)
        {
            throw new InvalidInputException("records", $"at most {limits.Value.MaxItemsPerMessage} records per message");
        }
    }

    /// <summary>
    /// Upserts records (up to <see cref="RecordsPerTransaction"/>: one or several messages of a stream) in one
    /// transaction (the last wins when a record_id repeats); a record that breaks the rules is refused and reported, the
    /// rest are kept, written by the provider's bulk path with the next registry version. The audit events commit with
    /// them.
    /// </summary>
    public async Task ImportAsync(RegistryImport import, IReadOnlyList<RegistryRecord> records, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (records.Count > RecordsPerTransaction)
        {
            throw new InvalidInputException("records", $"at most {RecordsPerTransaction} records per call");
        }

        if (replica?.RefusesImports is { } refused)
        {
            throw new PreconditionFailedException(ReplicaRefusesImports, refused);
        }

        var readable = new List<RegistryRecord>(records.Count);
        // Each readable record's place in the stream, by its place in readable (looked up by record only for the rare
        // record the index cannot read: that map is made then).
        var readableAt = new long[records.Count];
        foreach (var record in records)
        {
            var position = import.Position++;
            var check = Check(record, max);
            if (check.IsValid)
            {
                readableAt[readable.Count] = position;
                readable.Add(Share(record));
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
            // The index profiles the records (in parallel) and refuses the unreadable ones. In cluster mode this process
            // keeps no index: the same rule refuses them, and the cluster indexes them once they are committed.
            var unreadable = new HashSet<RegistryRecord>(ReferenceEqualityComparer.Instance);
            Dictionary<RegistryRecord, long>? positions = null;
            void Unreadable(RegistryRecord record, string problem)
            {
                unreadable.Add(record);
                positions ??= Enumerable.Range(0, readable.Count).ToDictionary(i => readable[i], i => readableAt[i], (IEqualityComparer<RegistryRecord>)ReferenceEqualityComparer.Instance);
                Reject(import, max, positions[record], record, new Validator(max).Add("record", problem));
            }
            // Each record's residence, by its place in readable: from the address the index parses anyway.
            string?[]? residences = null;
            // Whether the index held none of these records before this call: with every earlier version in it, none is
            // stored then, and the write need not ask the database (SaveAsync).
            var noneIndexed = replica is null && !_storedRowsOutsideIndex && readable.TrueForAll(r => index.Get(r.RecordId) is null);
            if (replica is null)
            {
                residences = new string?[readable.Count];
                index.AddRange(readable, Unreadable, cancellationToken,
                    (i, address) => residences[i] = RegistryRecordRow.ResidenceOf(readable[i].PermanentAddress, address));
            }
            else
            {
                foreach (var record in readable.Where(r => !RegistryIndex.IsIndexable(r, out _)))
                {
                    RegistryIndex.IsIndexable(record, out var problem);
                    Unreadable(record, problem!);
                }
            }
            // The last of a repeated record_id wins; by its place in readable.
            var acceptedAt = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < readable.Count; i++)
            {
                if (!unreadable.Contains(readable[i]))
                {
                    acceptedAt[readable[i].RecordId] = i;
                }
            }
            if (acceptedAt.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            var rows = Rows(acceptedAt.Values.Select(i => (readable[i], residences?[i])).ToArray(), now);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // A retry (another import inserted one of these records meanwhile) asks the database.
                    var (version, previous) = await SaveAsync(acceptedAt.Keys, rows, caller, noneIndexed && attempt == 1, cancellationToken);
                    versions.MarkApplied(version);
                    import.Imported += acceptedAt.Count - previous.Count;
                    import.Updated += previous.Count;
                    // Cluster mode: applied in commit order (this instance's imports pass the gate one at a time).
                    if (replica is not null)
                    {
                        await ApplyToReplicaAsync(acceptedAt.Values.Select(i => new RegistryChange(previous.GetValueOrDefault(readable[i].RecordId), readable[i])).ToList(), cancellationToken);
                    }
                    return;
                }
                catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) && attempt < ConcurrentImportAttempts)
                {
                    // Two imports (two batch runs sharing a registry) inserted the same record at once: an expected race.
                    Log.ConcurrentImport(logger, attempt);
                }
            }
        }
        finally
        {
            versions.Gate.Release();
        }
    }

    /// <summary>Cluster mode: the committed records go to the cluster; a failure there is reported, the database keeps them.</summary>
    private async Task ApplyToReplicaAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            await replica!.ApplyAsync(changes, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StoreException))
        {
            Log.ReplicaFailed(logger, ex, changes.Count);
            throw new ReplicaUnavailableException(ex.GetType().Name);
        }
    }

    /// <summary>
    /// The rows of the accepted records, each with its residence when the index already took it from the address it
    /// parsed (null: cluster mode, no index here, the address is parsed for it), with the version still to be set:
    /// <see cref="SaveAsync"/> learns it inside the transaction. Composed in parallel when addresses are to be parsed.
    /// </summary>
    private static RegistryRecordRow[] Rows((RegistryRecord Record, string? Residence)[] accepted, DateTimeOffset now)
    {
        var rows = new RegistryRecordRow[accepted.Length];
        void Compose(int i)
        {
            var (record, residence) = accepted[i];
            var row = new RegistryRecordRow { RecordId = record.RecordId };
            row.Update(record, now, version: 0, residence);
            rows[i] = row;
        }
        if (accepted.All(a => a.Residence is not null))
        {
            for (var i = 0; i < accepted.Length; i++)
            {
                Compose(i);
            }
        }
        else
        {
            Parallel.For(0, accepted.Length, Compose);
        }
        return rows;
    }

    /// <summary>
    /// Writes the rows by the provider's bulk path under the next registry version, with their audit events, in one
    /// transaction: records not stored yet are inserted, the others replaced. Returns the stored versions the records
    /// replaced (read in full only in cluster mode, where the cluster needs them: a residence or a name that changed).
    /// <paramref name="noneIndexed"/>: the index held none of the records before this import added them; when it also
    /// holds every version before this one (<see cref="RegistryVersions.HoldsAll"/>), the index is the stored registry and
    /// none of the records is stored, so the database is not asked (a query of 20,000 ids a write, ≈ 22 ms of
    /// PostgreSQL's time each).
    /// </summary>
    private Task<(long Version, Dictionary<string, RegistryRecord?> Previous)> SaveAsync(IReadOnlyCollection<string> accepted, RegistryRecordRow[] rows,
        Caller caller, bool noneIndexed, CancellationToken cancellationToken)
        => dbFactory.InTransactionAsync(async (db, token) =>
        {
            // First: the version row's lock orders the imports of every instance, so which records are stored is known
            // until the commit.
            await db.StoreVersions.Where(v => v.Name == StoreVersionRow.Registry)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Value, v => v.Value + 1), token);
            var version = await db.StoreVersions.Where(v => v.Name == StoreVersionRow.Registry).Select(v => v.Value).FirstAsync(token);
            var ids = accepted.ToList();
            var existing = db.RegistryRecords.Where(r => EF.Parameter(ids).Contains(r.RecordId));
            var previous = noneIndexed && versions.HoldsAll(version - 1)
                ? new Dictionary<string, RegistryRecord?>(StringComparer.Ordinal)
                : replica is null
                ? (await existing.Select(r => r.RecordId).ToListAsync(token)).ToDictionary(id => id, _ => (RegistryRecord?)null, StringComparer.Ordinal)
                : (await existing.AsNoTracking().ToListAsync(token)).ToDictionary(r => r.RecordId, r => (RegistryRecord?)r.ToRecord(), StringComparer.Ordinal);
            foreach (var row in rows)
            {
                row.Version = version;
            }
            // New records by the plain bulk insert (PostgreSQL: one COPY into the table, not a staging table merged).
            var writer = BulkWriter.For(db.Database);
            await writer.InsertAsync(db, db.Table<RegistryRecordRow>(), previous.Count == 0 ? rows : rows.Where(r => !previous.ContainsKey(r.RecordId)).ToList(), token);
            if (previous.Count > 0)
            {
                await writer.UpsertAsync(db, db.Table<RegistryRecordRow>(), rows.Where(r => previous.ContainsKey(r.RecordId)).ToList(), token);
            }
            foreach (var some in accepted.Chunk(AuditTrail.MaxTargetsPerEvent))
            {
                audit.Add(db, caller, AuditActions.ImportRecords, some.Select(AuditTarget.Record));
            }
            await db.SaveChangesAsync(token);
            return (version, previous);
        }, cancellationToken);

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
        var id = recordId.Trim();
        // Cluster mode: this process holds no records; the replica's partitions are the index.
        var record = await _lookup.GetAsync(id, cancellationToken) ?? throw new NotFoundException("record", id);
        await audit.WriteAsync(caller, AuditActions.GetRecord, [AuditTarget.Record(record.RecordId)], cancellationToken);
        return record;
    }

    /// <summary>
    /// Finds people in the registry as a reviewer types them (<see cref="RecordCriteria"/>): one page in list order.
    /// A reviewer searches for the person of a case it may see (<paramref name="request"/>'s case id is required and
    /// scoped like the case itself); the registry feed and administrators may search without one. Audited like every
    /// read of personal data: the case and every record on the page.
    /// </summary>
    public async Task<Page<RegistryRecord>> SearchAsync(RecordSearchRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (query, caseId) = (request.Query, request.CaseId);
        var check = new Validator(limits.Value);
        check.MaxLength(PersonFields.FullName, query.FullName, PersonName.MaxLength).MaxLength(PersonFields.DateOfBirth, query.DateOfBirth, MaxIdLength)
            .MaxLength(PersonFields.PersonalId, query.PersonalId, MaxIdLength).MaxLength("case_id", caseId, MaxIdLength);
        var filter = $"search|{query.FullName}|{query.DateOfBirth}|{query.PersonalId}|{caseId}";
        var size = check.Page(request.Page, filter, out string? after);
        var criteria = RecordCriteria.Parse(query, index.Today, out var problems);
        foreach (var problem in problems)
        {
            check.Add(problem.Field, problem.Problem);
        }
        if (problems.Count == 0 && criteria.IsEmpty)
        {
            check.Add(PersonFields.FullName, "give a name, a date of birth or an ID number to search for");
        }
        long? caseNumber = null;
        if (!string.IsNullOrEmpty(caseId))
        {
            if (long.TryParse(caseId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                caseNumber = parsed;
            }
            else
            {
                check.Add("case_id", "is not a case id");
            }
        }
        else if (caller.Role == Roles.Reviewer)
        {
            check.Add("case_id", "is required: a reviewer searches the registry for the person of a case");
        }
        check.ThrowIfInvalid();

        if (caseNumber is { } number)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var units = caller.Units.ToList();
            var visible = await db.ReviewCases.AnyAsync(c => c.Id == number && (caller.SeesAllUnits || units.Contains(c.Unit)), cancellationToken);
            if (!visible)
            {
                throw new NotFoundException("case", caseId!);
            }
        }
        var hits = (replica is null ? index.Search(criteria, after, size + 1) : await replica.SearchAsync(query, after, size + 1, cancellationToken)).ToList();
        var next = "";
        if (hits.Count > size)
        {
            hits.RemoveAt(hits.Count - 1);
            next = PageToken.Encode(filter, hits[^1].OrderKey);
        }
        var targets = hits.Select(h => AuditTarget.Record(h.Record.RecordId));
        if (caseNumber is { } audited)
        {
            targets = targets.Prepend(AuditTarget.Case(audited));
        }
        await audit.WriteAsync(caller, AuditActions.SearchRecords, targets, cancellationToken);
        return new Page<RegistryRecord>(hits.Select(h => h.Record).ToList(), next);
    }

    /// <summary>
    /// Fills <see cref="RegistryRecordRow.ResidenceProvince"/> on rows written before the column existed (at start, after
    /// migrating); returns how many. Nothing to do costs one indexed query.
    /// </summary>
    public async Task<long> UpgradeResidenceAsync(CancellationToken cancellationToken)
    {
        long filled = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.RegistryRecords.Where(r => r.ResidenceProvince == null).OrderBy(r => r.RecordId).Take(ResidencePage).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return filled;
            }
            foreach (var row in rows)
            {
                row.ResidenceProvince = RegistryRecordRow.ResidenceOf(row.Person.PermanentAddress);
            }
            await db.SaveChangesAsync(cancellationToken);
            filled += rows.Count;
        }
    }

    private const int ResidencePage = 2_000;

    /// <summary>Loads every stored record into the index (at start, before the first call); returns how many were unreadable.</summary>
    public async Task<int> LoadIndexAsync(CancellationToken cancellationToken)
    {
        await versions.Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Read before the first range, not after the last: the ranges are several queries, no one snapshot. Every
            // version up to upTo is committed by now (imports commit in version order), so each of its rows is in the
            // range that holds its key, unless another instance replaced it meanwhile with a version after upTo; those
            // newer versions (and records inserted into a range already read) are not marked seen, and the first refresh
            // loads them. Read after the last range, a version committed while the ranges were read would be marked seen
            // though its rows in ranges already read were missed.
            var upTo = await CurrentVersionAsync(db, cancellationToken);
            var (unreadable, _) = await LoadAsync(db, db.RegistryRecords.AsNoTracking(), cancellationToken);
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
        if (replica is not null)
        {
            // Cluster mode: no index here; the partitions read the database, and another instance's imports reach the
            // cluster through that instance.
            return 0;
        }
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
                foreach (var group in await VersionGroupsAsync(db, some, cancellationToken))
                {
                    loaded += (await LoadAsync(db, db.RegistryRecords.AsNoTracking().Where(r => EF.Parameter(group).Contains(r.Version)), cancellationToken)).Loaded;
                }
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

    /// <summary>
    /// Rows one query of a load reads at most (<see cref="LoadAsync"/>), and one load into the index adds: the index lays
    /// its blocks out again at each load, so few large ones; settable by the tests alone, to read a small registry in
    /// several ranges.
    /// </summary>
    internal int RecordsPerLoad { get; set; } = DefaultRecordsPerLoad;

    private const int DefaultRecordsPerLoad = 50_000;

    private static Task<long> CurrentVersionAsync(ReconDbContext db, CancellationToken cancellationToken)
        => db.StoreVersions.AsNoTracking().Where(v => v.Name == StoreVersionRow.Registry).Select(v => v.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The versions split into groups of at most <see cref="RecordsPerLoad"/> stored rows each (a version holding more is
    /// a group alone), so that a refresh reads each group in one query, or a version too large in a few ranges, rather
    /// than page a large group by key (each page would read every row of the group again to sort it). The counts only
    /// overstate what the loads find: a row leaves a committed version for a newer one, never enters it.
    /// </summary>
    private async Task<List<long[]>> VersionGroupsAsync(ReconDbContext db, long[] some, CancellationToken cancellationToken)
    {
        var counts = await db.RegistryRecords.Where(r => EF.Parameter(some).Contains(r.Version))
            .GroupBy(r => r.Version).Select(g => new { Version = g.Key, Rows = g.Count() }).OrderBy(c => c.Version).ToListAsync(cancellationToken);
        var groups = new List<long[]>();
        var (group, rows) = (new List<long>(), 0);
        foreach (var count in counts)
        {
            if (group.Count > 0 && rows + count.Rows > RecordsPerLoad)
            {
                groups.Add([.. group]);
                (group, rows) = ([], 0);
            }
            group.Add(count.Version);
            rows += count.Rows;
        }
        if (group.Count > 0)
        {
            groups.Add([.. group]);
        }
        return groups;
    }

    /// <summary>
    /// Loads the rows into the index a range of the primary key at a time: <see cref="RecordsPerLoad"/> rows in key order
    /// after the last key read, each range read through the provider's execution strategy and added to the index in one
    /// parallel load. PostgreSQL and SQL Server retry transient failures, and EF Core buffers every row of a query run
    /// outside the strategy before returning the first (to be able to retry it): one query of the whole table held the
    /// whole registry twice at restart (3,056 MB at 1.3 M records against SQLite's 2,461 MB). Read by ranges inside the
    /// strategy, a retry reads its range again, and whether EF Core streams a range or buffers it, no more than a range is
    /// ever held besides the index.
    /// </summary>
    private async Task<(int Unreadable, int Loaded)> LoadAsync(ReconDbContext db, IQueryable<RegistryRecordRow> rows, CancellationToken cancellationToken)
    {
        var (unreadable, loaded, size) = (0, 0, RecordsPerLoad);
        var buffer = new List<RegistryRecord>(size);
        var strategy = db.Database.CreateExecutionStrategy();
        string? after = null;
        do
        {
            // The database compares the keys (its collation orders the range and the next one alike), never this process.
            var last = after;
            var range = (last is null ? rows : rows.Where(r => string.Compare(r.RecordId, last) > 0)).OrderBy(r => r.RecordId).Take(size);
            await strategy.ExecuteAsync(async token =>
            {
                // A retried range starts again from nothing.
                buffer.Clear();
                await foreach (var row in range.AsAsyncEnumerable().WithCancellation(token))
                {
                    buffer.Add(Share(row.ToRecord()));
                }
            }, cancellationToken);
            if (buffer.Count == 0)
            {
                break;
            }
            after = buffer[^1].RecordId;
            loaded += index.AddRange(buffer, (_, _) =>
            {
                unreadable++;
                _storedRowsOutsideIndex = true;
            }, cancellationToken);
        }
        while (buffer.Count == size);
        return (unreadable, loaded);
    }

    /// <summary>The record with its repeated values (<see cref="_repeated"/>) shared.</summary>
    private RegistryRecord Share(RegistryRecord record)
    {
        lock (_repeated)
        {
            return record with
            {
                DateOfBirth = _repeated.Keep(record.DateOfBirth),
                Gender = _repeated.Keep(record.Gender),
                BirthPlace = _repeated.Keep(record.BirthPlace),
                Hometown = _repeated.Keep(record.Hometown),
                Ethnicity = _repeated.Keep(record.Ethnicity),
            };
        }
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

/// <summary>A registry search: what was typed, the case it is for (required of reviewers) and the page.</summary>
public sealed record RecordSearchRequest(RecordQuery Query, string? CaseId, PageRequest Page);
