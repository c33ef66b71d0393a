using System.Runtime.CompilerServices;
using CccdRecon.Core.Access;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
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
/// this process holds no records: each call is committed to the database, then applied to the cluster.
/// </summary>
public sealed class RegistryStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    TimeProvider time,
    ILogger<RegistryStore> logger,
    IRegistryReplica? replica = null)
{
    /// <summary>
    /// How often one message is written again when another import inserted one of its records meanwhile: the retry finds
    /// the row and updates it, as if the imports had come one after the other. More than a few means a real fault.
    /// </summary>
    private const int ConcurrentImportAttempts = 3;

    public const string RecordIdField = "record_id";
    public const int MaxIdLength = 64;

    /// <summary>The reason of a refused import when the registry is loaded elsewhere (cluster mode with a snapshot source).</summary>
    public const string ReplicaRefusesImports = "REGISTRY_IMPORTED_ELSEWHERE";

    private static readonly string[] Genders = ["male", "female"];

    /// <summary>
    /// Upserts one message's records (the last wins when a message repeats a record_id); a record that breaks the
    /// rules is refused and reported, the rest are kept. The audit event commits with them.
    /// </summary>
    public async Task ImportAsync(RegistryImport import, IReadOnlyList<RegistryRecord> records, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (records.Count > max.MaxItemsPerMessage)
        {
            throw new InvalidInputException("records", $"at most {max.MaxItemsPerMessage} records per message");
        }

        if (replica?.RefusesImports is { } refused)
        {
            throw new PreconditionFailedException(ReplicaRefusesImports, refused);
        }

        var accepted = new Dictionary<string, RegistryRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var position = import.Position++;
            var check = Check(record, max);
            if (check.IsValid)
            {
                if (replica is null ? index.Upsert(record, out var problem) : RegistryIndex.IsIndexable(record, out problem))
                {
                    accepted[record.RecordId] = record;
                    continue;
                }
                check.Add("record", problem ?? "unreadable");
            }
            import.Rejected++;
            if (import.Rejections.Count < max.MaxReportedErrors)
            {
                import.Rejections.Add(new ItemRejection(position, record.RecordId is { Length: <= MaxIdLength } key ? key : "", check.Violations));
            }
        }
        if (accepted.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var changes = await SaveAsync(accepted, caller, cancellationToken);
                import.Imported += changes.Count(c => c.Previous is null);
                import.Updated += changes.Count(c => c.Previous is not null);
                await ApplyToReplicaAsync(changes, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) && attempt < ConcurrentImportAttempts)
            {
                // Two imports (two batch runs sharing a registry) inserted the same record at once: an expected race.
                Log.ConcurrentImport(logger, attempt);
            }
        }
    }

    /// <summary>Cluster mode: the committed records go to the cluster; a failure there is reported, the database keeps them.</summary>
    private async Task ApplyToReplicaAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken)
    {
        if (replica is null)
        {
            return;
        }
        try
        {
            await replica.ApplyAsync(changes, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StoreException))
        {
            Log.ReplicaFailed(logger, ex, changes.Count);
            throw new ReplicaUnavailableException(ex.GetType().Name);
        }
    }

    /// <summary>Inserts or updates the message's records with its audit event, in one transaction; returns what each replaced.</summary>
    private async Task<List<RegistryChange>> SaveAsync(Dictionary<string, RegistryRecord> accepted, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = accepted.Keys.ToList();
        var existing = await db.RegistryRecords.Where(r => ids.Contains(r.RecordId)).ToDictionaryAsync(r => r.RecordId, cancellationToken);
        var now = time.GetUtcNow();
        var changes = new List<RegistryChange>(accepted.Count);
        foreach (var record in accepted.Values)
        {
            RegistryRecord? previous = null;
            if (!existing.TryGetValue(record.RecordId, out var row))
            {
                row = new RegistryRecordRow { RecordId = record.RecordId };
                db.RegistryRecords.Add(row);
            }
            else
            {
                previous = row.ToRecord();
            }
            row.Update(record, now);
            changes.Add(new RegistryChange(previous, record));
        }
        audit.Add(db, caller, AuditActions.ImportRecords, accepted.Keys.Select(AuditTarget.Record));
        await db.SaveChangesAsync(cancellationToken);
        return changes;
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
        var hits = index.Search(criteria, after, size + 1).ToList();
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
        var unreadable = 0;
        await foreach (var record in AllAsync(cancellationToken))
        {
            if (!index.Upsert(record, out _))
            {
                unreadable++;
            }
        }
        return unreadable;
    }

    private async IAsyncEnumerable<RegistryRecord> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in db.RegistryRecords.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToRecord();
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
        foreach (var field in PersonFields.OfRecord.Where(f => f != PersonFields.FullName))
        {
            check.MaxLength(field, PersonFields.ValueOf(record, field));
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
