namespace CccdRecon.Data.Errors;

/// <summary>
/// A request the stores refuse for a reason the caller can act on. Each kind is one status of the API (the hosts map
/// them in one place: the gRPC server to AIP-193 statuses, the console to its pages); <see cref="Reason"/> is the
/// machine-readable reason (<c>ErrorInfo.reason</c>). Messages never hold personal data.
/// </summary>
public abstract class StoreException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>Fields of the request are wrong (INVALID_ARGUMENT); every violation is listed.</summary>
public sealed class InvalidInputException(IReadOnlyList<Violation> violations)
    : StoreException("INVALID_ARGUMENT", Describe(violations))
{
    public InvalidInputException(string field, string description) : this([new Violation(field, description)])
    {
    }

    public IReadOnlyList<Violation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<Violation> violations) => violations.Count switch
    {
        0 => "invalid request",
        1 => $"Invalid {violations[0].Field}: {violations[0].Description}",
        _ => $"{violations.Count} invalid fields, first {violations[0].Field}: {violations[0].Description}",
    };
}

/// <summary>
/// An unknown id, or one the caller may not see (NOT_FOUND either way). Ids are the service's own keys, never personal
/// data, so the message names it.
/// </summary>
public sealed class NotFoundException(string resource, string id)
    : StoreException($"{resource.ToUpperInvariant().Replace(' ', '_')}_NOT_FOUND", $"{resource} '{id}' not found")
{
    public string Resource { get; } = resource;
    public string Id { get; } = id;
}

/// <summary>The resource is in a state that does not allow the request (FAILED_PRECONDITION), e.g. <c>BATCH_NOT_OPEN</c>.</summary>
public sealed class PreconditionFailedException(string reason, string message) : StoreException(reason, message);

/// <summary>
/// A concurrent change won (ABORTED): a stale etag, or a unique key another writer took first. The caller re-reads and
/// retries; nothing of the refused request was kept. An expected outcome, never logged as an error.
/// </summary>
public sealed class ConflictException(string reason, string message) : StoreException(reason, message)
{
    public const string StaleEtag = "ETAG_MISMATCH";
    public const string ConcurrentAdd = "CONCURRENT_ADD";
    public const string ConcurrentChange = "CONCURRENT_CHANGE";
}

/// <summary>The caller's role does not allow the request (PERMISSION_DENIED); <see cref="Role"/> is the role it needs.</summary>
public sealed class ForbiddenException(string role, string message) : StoreException("ROLE_REQUIRED", message)
{
    public string Role { get; } = role;
}

/// <summary>Over a configured limit (RESOURCE_EXHAUSTED); <see cref="Limit"/> names the setting, e.g. <c>Limits:MaxFormsPerBatch</c>.</summary>
public sealed class LimitExceededException(string reason, string limit, string message) : StoreException(reason, message)
{
    public string Limit { get; } = limit;
}

/// <summary>
/// The database can no longer be trusted with reads or writes (UNAVAILABLE): its file was deleted, replaced or found
/// corrupt while the process was using it. Nothing more is served until an operator restores it and restarts.
/// </summary>
public sealed class DatabaseUnavailableException(string problem)
    : StoreException(Code, $"the database is unavailable ({problem}); the server serves nothing until it is restored and restarted")
{
    public const string Code = "DATABASE_UNAVAILABLE";
}

/// <summary>
/// The registry was written to the database but the cluster holding it in memory (cluster mode, issue 14) could not be
/// updated (UNAVAILABLE). Sending the same records again is safe: an import is an upsert.
/// </summary>
public sealed class ReplicaUnavailableException(string problem)
    : StoreException(Code, $"the records were saved but the cluster could not be updated ({problem}); send them again")
{
    public const string Code = "CLUSTER_UNAVAILABLE";
}
