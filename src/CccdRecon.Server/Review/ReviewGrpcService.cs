using CccdRecon.Contracts.V1;
using CccdRecon.Server.Security;
using Grpc.Core;

namespace CccdRecon.Server.Review;

/// <summary>gRPC face of the verification staff's work queue; each reviewer sees the cases of its units only.</summary>
internal sealed class ReviewGrpcService(ReviewStore store) : ReviewService.ReviewServiceBase
{
    public override async Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context)
    {
        var page = await store.ListAsync(request, Caller.Of(context), context.CancellationToken);
        var response = new ListCasesResponse { NextPageToken = page.NextPageToken };
        response.Cases.AddRange(page.Items);
        return response;
    }

    public override async Task<GetCaseResponse> GetCase(GetCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = await store.GetAsync(request.CaseId, Caller.Of(context), context.CancellationToken) };

    public override async Task<ClaimCaseResponse> ClaimCase(ClaimCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = await store.ClaimAsync(request, Caller.Of(context), context.CancellationToken) };

    public override async Task<ResolveCaseResponse> ResolveCase(ResolveCaseRequest request, ServerCallContext context)
        => new() { ReviewCase = await store.ResolveAsync(request, Caller.Of(context), context.CancellationToken) };
}
