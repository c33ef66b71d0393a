using CccdRecon.Contracts.V1;
using CccdRecon.Data;
using CccdRecon.Data.Paging;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Audit;

/// <summary>Reads the audit trail (administrators only, enforced by the access check), oldest first.</summary>
internal sealed class AuditGrpcService(IDbContextFactory<ReconDbContext> dbFactory, IOptions<LimitsOptions> limits) : AuditService.AuditServiceBase
{
    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var check = new Validator(limits.Value);
        var size = check.PageSize(request.PageSize);
        check.MaxLength("subject", request.Subject).MaxLength("action", request.Action, 64);
        var start = request.StartTime?.ToDateTimeOffset();
        var end = request.EndTime?.ToDateTimeOffset();
        if (start is not null && end is not null && end < start)
        {
            check.Add("end_time", "must not be before start_time");
        }
        var filter = $"audit|{request.Subject}|{request.Action}|{start?.UtcTicks}|{end?.UtcTicks}";
        if (!PageToken.TryDecode(request.PageToken, filter, out long? after))
        {
            check.Add("page_token", "is not a token from this listing");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
        var query = db.AuditEvents.AsNoTracking();
        if (request.Subject.Length > 0)
        {
            query = query.Where(e => e.Subject == request.Subject);
        }
        if (request.Action.Length > 0)
        {
            query = query.Where(e => e.Action == request.Action);
        }
        if (start is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }
        if (end is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }
        var page = await query.PageByIdAsync(e => e.Id, after, size, filter, context.CancellationToken);
        var response = new ListEventsResponse { NextPageToken = page.NextPageToken };
        response.Events.AddRange(page.Items.Select(e =>
        {
            var proto = new AuditEvent
            {
                EventId = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EventTime = Timestamp.FromDateTimeOffset(e.OccurredAt),
                Subject = e.Subject,
                Role = e.Role,
                Action = e.Action,
                TraceId = e.TraceId,
            };
            proto.Units.AddRange(e.Units.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            proto.TargetIds.AddRange(e.Targets.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return proto;
        }));
        return response;
    }
}
