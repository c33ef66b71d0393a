using CccdRecon.Data.Errors;
using CccdRecon.Data.Review;
using Microsoft.AspNetCore.Http;

namespace CccdRecon.Web.Console;

/// <summary>"Next case" (the <c>n</c> key): the next undecided case of the same queue, in name order, that nobody else holds.</summary>
internal static class ConsoleNavigation
{
    public static async Task<IResult> NextCaseAsync(string caseId, HttpContext http, ReviewStore store, ConsoleSession session, CancellationToken cancellationToken)
    {
        var filters = QueueFilters.From(http.Request.Query);
        try
        {
            var next = await store.NextAsync(filters.ToQuery(), caseId, session.Caller, cancellationToken);
            return next is { } id
                ? Results.LocalRedirect($"/review/{id}{filters.QueryString()}")
                : Results.LocalRedirect($"/review{filters.QueryString("done=1")}");
        }
        catch (StoreException)
        {
            return Results.NotFound();
        }
    }
}
