using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CccdRecon.Web.Console;

/// <summary>
/// The parts of a page's server time, as <c>Server-Timing</c> entries beside the total (<c>app</c>): what the queries took
/// and what the rendering did, in the browser's developer tools and in the benchmark.
/// </summary>
internal static class ServerTiming
{
    public static async Task<T> TimeAsync<T>(HttpContext? http, string name, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await work();
        Add(http, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public static void Add(HttpContext? http, string name, double milliseconds)
    {
        if (http is { Response.HasStarted: false })
        {
            http.Response.Headers.Append("Server-Timing", $"{name};dur={milliseconds.ToString("0.0", CultureInfo.InvariantCulture)}");
        }
    }
}
