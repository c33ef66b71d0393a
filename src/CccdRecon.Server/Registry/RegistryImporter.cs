using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using V1 = CccdRecon.Contracts.V1;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Registry;

/// <summary>Upserts registry records into the database and the in-memory index, one message per transaction.</summary>
internal sealed class RegistryImporter(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<LimitsOptions> limits,
    AuditTrail audit,
    TimeProvider time)
{
    private static readonly string[] Genders = ["male", "female"];

    public sealed class Tally
    {
        public long Position;
        public V1.ImportRecordsResponse Response { get; } = new();
    }

    /// <summary>Upserts one message's records; its audit event commits with them.</summary>
    public async Task ImportAsync(V1.ImportRecordsRequest message, Tally tally, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (message.Records.Count > max.MaxItemsPerMessage)
        {
            throw RpcErrors.InvalidArgument("records", $"at most {max.MaxItemsPerMessage} records per message");
        }

        // Last one wins when a message repeats a record_id.
        var accepted = new Dictionary<string, RegistryRecord>(StringComparer.Ordinal);
        foreach (var proto in message.Records)
        {
            var position = tally.Position++;
            var check = new Validator(max);
            // date_of_birth and gender may be unknown to the registry; the engine then takes them as no evidence.
            check.Required("record_id", proto.RecordId, 64)
                .Required("full_name", proto.FullName)
                .MaxLength("date_of_birth", proto.DateOfBirth)
                .MaxLength("gender", proto.Gender);
            if (!string.IsNullOrWhiteSpace(proto.Gender) && !Genders.Contains(proto.Gender.Trim()))
            {
                check.Add("gender", "must be 'male' or 'female'");
            }
            foreach (var (field, value) in OptionalFields(proto))
            {
                check.MaxLength(field, value);
            }
            if (check.IsValid)
            {
                var record = proto.ToDomain();
                if (index.Upsert(record, out var problem))
                {
                    accepted[record.RecordId] = record;
                    continue;
                }
                check.Add("record", problem ?? "unreadable");
            }
            Reject(tally, position, proto.RecordId, check.Violations);
        }
        if (accepted.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = accepted.Keys.ToList();
        var existing = await db.RegistryRecords.Where(r => ids.Contains(r.RecordId)).ToDictionaryAsync(r => r.RecordId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var record in accepted.Values)
        {
            if (!existing.TryGetValue(record.RecordId, out var row))
            {
                row = new RegistryRecordRow { RecordId = record.RecordId };
                db.RegistryRecords.Add(row);
                tally.Response.ImportedCount++;
            }
            else
            {
                tally.Response.UpdatedCount++;
            }
            row.Update(record, now);
        }
        audit.Add(db, caller, AuditActions.ImportRecords, accepted.Keys.Select(Target.Record));
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Reject(Tally tally, long position, string key, IReadOnlyCollection<Violation> violations)
    {
        tally.Response.RejectedCount++;
        if (tally.Response.Rejections.Count < limits.Value.MaxReportedErrors)
        {
            tally.Response.Rejections.Add(RpcErrors.ItemError(position, key.Length <= 64 ? key : "", violations));
        }
    }

    private static IEnumerable<(string, string)> OptionalFields(V1.RegistryRecord r) =>
    [
        ("personal_id", r.PersonalId), ("old_id", r.OldId), ("birth_place", r.BirthPlace), ("hometown", r.Hometown),
        ("ethnicity", r.Ethnicity), ("permanent_address", r.PermanentAddress), ("father_name", r.FatherName),
        ("mother_name", r.MotherName),
    ];
}
