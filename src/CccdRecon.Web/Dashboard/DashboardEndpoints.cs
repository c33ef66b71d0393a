using CccdRecon.Data;
using CccdRecon.Web.Console;
using CccdRecon.Web.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Web.Dashboard;

/// <summary>
/// <c>/batches/{id}/progress.json</c>: what the dashboard's script polls while a batch runs (counts only, no personal
/// data; the same scope as the page: 404 unknown, 403 another unit's).
/// </summary>
public static class DashboardEndpoints
{
    internal static IEnumerable<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        yield return app.MapGet("/batches/{batchId}/progress.json", ProgressAsync).RequireAuthorization(ConsoleAuth.Policy);
    }

    /// <summary>The JSON the script reads: names as in <c>data-live</c> attributes of the page.</summary>
    public sealed record ProgressJson(string State, bool Running, long Forms, long Received, long Processed, double Done, long Clean, long Review,
        long NoMatch, long Ambiguous, long Open, long Claimed, long Resolved);

    private static async Task<IResult> ProgressAsync(string batchId, HttpContext http, IDbContextFactory<ReconDbContext> dbFactory, DashboardQueries queries,
        ConsoleSession session, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = await BatchAccess.CheckAsync(db, batchId, session.Caller, cancellationToken);
        if (access.Refusal is not null) return access.Refusal;
        var (b, r) = await queries.ProgressAsync(db, access.Batch!, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new ProgressJson(b.State.ToString(), b.IsRunning, b.Forms, b.Received, b.Processed, Math.Round(b.Done, 4), b.Clean, b.Review,
            b.NoMatch, b.Ambiguous, r.Open, r.Claimed, r.Resolved));
    }
}
