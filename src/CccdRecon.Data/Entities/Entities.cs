namespace CccdRecon.Data.Entities;

/// <summary>A civil-registry record (bản ghi hộ tịch) as imported; the in-memory index is rebuilt from these.</summary>
public sealed class RegistryRecordRow
{
    public required string RecordId { get; set; }
    public string? PersonalId { get; set; }
    public string? OldId { get; set; }
    public required string FullName { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? DateOfBirth { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Lifecycle of a batch (đợt đối soát). Stored as its number: never renumber.</summary>
public enum BatchRunState
{
    Open = 1,
    Running = 2,
    Succeeded = 3,
    Cancelled = 4,
}

/// <summary>A batch run: the counters change only in the transaction that writes a chunk's results.</summary>
public sealed class BatchRow
{
    /// <summary>A version-7 GUID ("N" format), so ids sort by creation time.</summary>
    public required string Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string FormsHash { get; set; } = "";
    /// <summary>The administrative unit (đơn vị hành chính) code the batch belongs to; reviewers are scoped by it.</summary>
    public string Unit { get; set; } = "";
    public BatchRunState State { get; set; }
    public long FormCount { get; set; }
    /// <summary>Forms received by AddForms (accepted, duplicate or rejected), committed with each message.</summary>
    public long ReceivedCount { get; set; }
    public long ProcessedCount { get; set; }
    public long CleanCount { get; set; }
    public long ReviewCount { get; set; }
    public long NoMatchCount { get; set; }
    public long AmbiguousCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A form (phiếu DC01) of a batch, as keyed, with whether its result has been written.</summary>
public sealed class BatchFormRow
{
    /// <summary>Insertion order: chunks are taken in this order.</summary>
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public string? PersonalId { get; set; }
    public string? FullName { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    /// <summary>Set in the same transaction that writes the form's result.</summary>
    public bool Processed { get; set; }
}

/// <summary>The stored outcome of one batch form. Status uses the Core <c>MatchStatus</c> numbers.</summary>
public sealed class BatchResultRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    /// <summary>The form row's id, so results list in form order.</summary>
    public long FormRowId { get; set; }
    public int Status { get; set; }
    public string? RecordId { get; set; }
    public double Score { get; set; }
    /// <summary>JSON array of strings.</summary>
    public string NormalizationsJson { get; set; } = "[]";
    /// <summary>The explanation as protobuf JSON (kept opaque to the storage layer).</summary>
    public string ExplanationJson { get; set; } = "{}";
    public List<DiscrepancyRow> Discrepancies { get; set; } = [];
}

/// <summary>One flagged field of a result (sai lệch), a row so cases can be filtered by field and kind.</summary>
public sealed class DiscrepancyRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public required string Field { get; set; }
    public required string Kind { get; set; }
    public string FormValue { get; set; } = "";
    public string RegistryValue { get; set; } = "";
    public string Suggestion { get; set; } = "";
    public string Reason { get; set; } = "";
}

public enum ReviewCaseState
{
    Open = 1,
    Claimed = 2,
    Resolved = 3,
}

/// <summary>A review case (hồ sơ cần xác minh): a result whose fields differ in substance.</summary>
public sealed class ReviewCaseRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public BatchResultRow? Result { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public ReviewCaseState State { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>Optimistic concurrency token, exposed as the etag.</summary>
    public int Version { get; set; }
    public List<FieldDecisionRow> Decisions { get; set; } = [];
}

public enum DecisionKind
{
    KeepRegistry = 1,
    TakeForm = 2,
    Correct = 3,
}

/// <summary>One reviewer decision, kept forever with who and when.</summary>
public sealed class FieldDecisionRow
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Field { get; set; }
    public DecisionKind Action { get; set; }
    public string? Value { get; set; }
    public required string Reviewer { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? Note { get; set; }
}

/// <summary>An intake-ready record (hồ sơ sạch) with where each field came from.</summary>
public sealed class CleanRecordRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public required string RecordId { get; set; }
    public string? PersonalId { get; set; }
    public string? OldId { get; set; }
    public required string FullName { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? DateOfBirth { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    /// <summary>"field=source" pairs joined by ';' (source: registry, form, reviewer).</summary>
    public string Sources { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One entry of the append-only audit trail (nhật ký truy cập): who read or changed personal data, when, under
/// which role, and which ids. Written in the transaction of the change it records; never updated or deleted
/// (the migrations add triggers that refuse both).
/// </summary>
public sealed class AuditEventRow
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Subject { get; set; }
    public required string Role { get; set; }
    /// <summary>The token's units, space-separated.</summary>
    public string Units { get; set; } = "";
    public required string Action { get; set; }
    /// <summary>The ids touched, space-separated.</summary>
    public string Targets { get; set; } = "";
    public string TraceId { get; set; } = "";
}
