using CccdRecon.Contracts.V1;
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
        var query = new CaseQuery(request.BatchId, request.State.ToDomain("state"), request.Field, request.Kind, Mapper.Page(request.PageSize, request.PageToken));
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
        var resolution = new CaseResolution(request.CaseId, request.Etag,
            request.Decisions.Select(d => new DecisionRequest(d.Field, d.Action.ToDomain(), d.CorrectedValue)).ToList(), request.Note);
        return new() { ReviewCase = (await store.ResolveAsync(resolution, context.GetCaller(), context.CancellationToken)).ToProto() };
    }
}
