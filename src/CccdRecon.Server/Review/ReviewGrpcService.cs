using System.Globalization;
using CccdRecon.Contracts.V1;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Review;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;

namespace CccdRecon.Server.Review;

/// <summary>gRPC face of the verification staff's work queue (<see cref="ReviewStore"/>); each reviewer sees the cases of its units only.</summary>
internal sealed class ReviewGrpcService(ReviewStore store) : ReviewService.ReviewServiceBase
{
    public override async Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context)
    {
        var query = new CaseQuery(request.BatchId, request.State.ToDomain("state"), request.Field, request.Kind, Mapper.Page(request.PageSize, request.PageToken))
        {
            Unit = request.Unit,
            CaseKind = request.CaseKind.ToDomain("case_kind"),
            Order = EnumMapping.ToCaseOrder(request.OrderBy),
        };
        var page = await store.ListAsync(query, context.GetCaller(), context.CancellationToken);
        var response = new ListCasesResponse { NextPageToken = page.NextPageToken };
        response.Cases.AddRange(page.Items.Select(c => c.ToProto()));
        return response;
    }

    public override async Task<GetCaseResponse> GetCase(GetCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = (await store.GetAsync(request.CaseId, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<ClaimCaseResponse> ClaimCase(ClaimCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = (await store.ClaimAsync(request.CaseId, context.GetCaller(), context.CancellationToken)).ToProto() };

    /// <summary>The reviewer recorded is the caller; a <c>reviewer</c> named in the request is ignored.</summary>
    public override async Task<ResolveCaseResponse> ResolveCase(ResolveCaseRequest request, ServerCallContext context)
    {
        var link = request.LinkDecision.ToDomain(out var unknown);
        var resolution = new CaseResolution(request.CaseId, request.Etag,
            request.Decisions.Select(d => new DecisionRequest(d.Field, d.Action.ToDomain(), d.CorrectedValue)).ToList(), request.Note,
            link, request.RecordId) { UnknownLink = unknown };
        return new() { ReviewCase = (await store.ResolveAsync(resolution, context.GetCaller(), context.CancellationToken)).ToProto() };
    }

    public override async Task<ReleaseCaseResponse> ReleaseCase(ReleaseCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = (await store.ReleaseAsync(request.CaseId, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<ReassignCaseResponse> ReassignCase(ReassignCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = (await store.ReassignAsync(request.CaseId, request.Reviewer, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<BulkResolveCasesResponse> BulkResolveCases(BulkResolveCasesRequest request, ServerCallContext context)
    {
        long? supersedes = null;
        if (request.SupersedesBulkId.Length > 0)
        {
            supersedes = long.TryParse(request.SupersedesBulkId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new InvalidInputException("supersedes_bulk_id", "is not a bulk decision id");
        }
        var bulk = new BulkRequest(request.Unit, request.BatchId, request.Field, request.Kind, request.Action.ToDomain(), request.Note, supersedes,
            request.ValidateOnly);
        return (await store.BulkResolveAsync(bulk, context.GetCaller(), context.CancellationToken)).ToProto();
    }
}
