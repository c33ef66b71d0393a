using CccdRecon.Contracts.V1;
using CccdRecon.Data.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace CccdRecon.Server.Errors;

/// <summary>
/// The one place that builds error statuses (AIP-193): a code, a message free of personal data, an
/// <c>ErrorInfo</c> with a machine-readable reason and, for invalid input, <c>BadRequest</c> field violations.
/// </summary>
internal static class RpcErrors
{
    public const string Domain = "cccdrecon.v1";

    /// <summary>
    /// The status of a request the stores refused: invalid input → INVALID_ARGUMENT with field violations, not found →
    /// NOT_FOUND, a state that forbids it → FAILED_PRECONDITION, a concurrent change (stale etag, a unique key taken
    /// first) → ABORTED, over a limit → RESOURCE_EXHAUSTED naming the setting.
    /// </summary>
    public static RpcException From(StoreException error) => error switch
    {
        InvalidInputException invalid => InvalidArgument(invalid.Violations),
        NotFoundException missing => NotFound(missing.Resource, missing.Id),
        PreconditionFailedException failed => FailedPrecondition(failed.Reason, failed.Message),
        ConflictException conflict => Aborted(conflict.Reason, conflict.Message),
        LimitExceededException over => ResourceExhausted(over.Reason, over.Limit, over.Message),
        ForbiddenException forbidden => PermissionDenied(forbidden.Role),
        DatabaseUnavailableException lost => Unavailable(lost.Reason, lost.Message),
        ReplicaUnavailableException cluster => Unavailable(cluster.Reason, cluster.Message),
        _ => Build(Code.Internal, "internal error", error.Reason),
    };

    /// <summary>The per-item error of a streamed import or upload that refused an item and went on.</summary>
    public static ItemError ItemError(ItemRejection rejection) => ItemError(rejection.Index, rejection.Key, rejection.Violations);

    public static RpcException InvalidArgument(IReadOnlyList<Violation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return Build(Code.InvalidArgument, new InvalidInputException(violations).Message, "INVALID_ARGUMENT", badRequest);
    }

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new Violation(field, description)]);

    /// <summary>The request's bytes are not a protobuf message of the call's type (no field to name: the whole message is unreadable).</summary>
    public static RpcException MalformedMessage()
        => Build(Code.InvalidArgument, "the request is not a valid protobuf message of its type", "MALFORMED_MESSAGE");

    /// <summary>An unknown id. Ids are the service's own keys (never personal data), so the message may name them.</summary>
    public static RpcException NotFound(string resource, string id)
        => Build(Code.NotFound, $"{resource} '{id}' not found", $"{resource.ToUpperInvariant().Replace(' ', '_')}_NOT_FOUND");

    /// <summary>The resource is in a state that does not allow the call.</summary>
    public static RpcException FailedPrecondition(string reason, string message)
    {
        var failure = new PreconditionFailure();
        failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = "STATE", Subject = reason, Description = message });
        return Build(Code.FailedPrecondition, message, reason, failure);
    }

    /// <summary>A concurrent change won: the caller should re-read and retry.</summary>
    public static RpcException Aborted(string reason, string message) => Build(Code.Aborted, message, reason);

    /// <summary>Over a limit: the ErrorInfo and a QuotaFailure name the setting that was exceeded.</summary>
    public static RpcException ResourceExhausted(string reason, string limit, string message)
    {
        var failure = new QuotaFailure();
        failure.Violations.Add(new QuotaFailure.Types.Violation { Subject = limit, Description = message });
        return Build(Code.ResourceExhausted, message, reason, failure, new() { ["limit"] = limit });
    }

    /// <summary>The service cannot serve (its database is lost): retrying here will not help until an operator acts.</summary>
    public static RpcException Unavailable(string reason, string message) => Build(Code.Unavailable, message, reason);

    /// <summary>The server is stopping: what was committed stays; call again once it (or another instance) serves.</summary>
    public static RpcException ShuttingDown()
        => Build(Code.Unavailable, "the server is shutting down: what was sent before is kept; send the rest again once it is back", "SHUTTING_DOWN");

    /// <summary>No token, or one that failed validation (the message never says more than that).</summary>
    public static RpcException Unauthenticated(string reason, string message) => Build(Code.Unauthenticated, message, reason);

    /// <summary>A valid token without the role the call needs; the role is named so the caller knows what to ask for.</summary>
    public static RpcException PermissionDenied(string role)
        => Build(Code.PermissionDenied, $"this call needs the role {role}", "ROLE_REQUIRED", metadata: new() { ["role"] = role });

    /// <summary>A per-item error for streams that report a bad item and go on.</summary>
    public static ItemError ItemError(long index, string? key, IReadOnlyCollection<Violation> violations)
    {
        var error = new ItemError
        {
            Index = index,
            Key = key ?? "",
            Reason = violations.Count == 0 ? "rejected" : $"invalid {violations.First().Field}: {violations.First().Description}",
        };
        error.FieldViolations.AddRange(violations.Select(v => new FieldViolation { Field = v.Field, Description = v.Description }));
        return error;
    }

    private static RpcException Build(Code code, string message, string reason, Google.Protobuf.IMessage? detail = null,
        Dictionary<string, string>? metadata = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }
        status.Details.Add(Any.Pack(info));
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
