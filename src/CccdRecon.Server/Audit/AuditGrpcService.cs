using CccdRecon.Contracts.V1;
using CccdRecon.Data.Audit;
using CccdRecon.Server.Mapping;
using Grpc.Core;

namespace CccdRecon.Server.Audit;

/// <summary>Reads the audit trail (administrators only, enforced by the access check), oldest first.</summary>
internal sealed class AuditGrpcService(AuditTrail trail) : AuditService.AuditServiceBase
{
    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var query = new AuditQuery(request.Subject, request.Action, request.StartTime?.ToDateTimeOffset(), request.EndTime?.ToDateTimeOffset(),
            Mapper.Page(request.PageSize, request.PageToken));
        var page = await trail.ListAsync(query, context.CancellationToken);
        var response = new ListEventsResponse { NextPageToken = page.NextPageToken };
        response.Events.AddRange(page.Items.Select(e => e.ToProto()));
        return response;
    }
}
