using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace CccdRecon.ConsoleBench;

/// <summary>
/// Signs in as a reviewer of the big unit (development sign-in) and requests each page REQUESTS times, one after another,
/// after a warm-up: the server's own time (its <c>Server-Timing</c> header: the page rendered, every query and the audit
/// write included) and the time seen over loopback. Case pages are distinct open cases of the unit, picked at random; the
/// keyset pages follow each page's "next" link, deeper and deeper.
/// </summary>
internal static partial class Measurer
{
    // Enough for tiered compilation to have recompiled the hot paths before the first page is measured.
    private const int WarmUp = 60;

    private static int? _serverPid;

    public static async Task<int> RunAsync(string url, string db, int requests, int? serverPid)
    {
        _serverPid = serverPid;
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(url),
            // A province's workbook on a loaded machine takes minutes.
            Timeout = TimeSpan.FromMinutes(15),
        };
        using (var login = await http.GetAsync($"/dev/login?role=recon.reviewer&unit={Seeder.Unit}&subject=bench.reviewer"))
        {
            if (login.StatusCode != HttpStatusCode.Redirect)
            {
                Console.Error.WriteLine($"sign-in failed: {(int)login.StatusCode}");
                return 1;
            }
        }
        var ids = await OpenCasesAsync(db, requests + WarmUp);
        Console.WriteLine($"load average before: {Load()}");
        Console.WriteLine("| page | requests | server p50 | server p95 | server p99 | server max | loopback p50 | loopback p95 | server CPU / request |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        await ReportAsync(http, "queue, first page (unit's cases to do, name order)", Repeat("/review", requests));
        await ReportAsync(http, "queue, kind: not found", Repeat("/review?kind=nomatch", requests));
        await ReportAsync(http, "queue, date_of_birth: lunar_date", Repeat("/review?field=date_of_birth&diff=lunar_date", requests));
        await ReportAsync(http, "queue, resolved", Repeat("/review?state=resolved", requests));
        await ReportAsync(http, "queue, next pages (keyset, 50 a page)", null, requests);
        await ReportAsync(http, "case page (opens and claims an open case)", ids.Select(id => $"/review/{id}").ToList());
        // The batch dashboard (issue 11): one batch is CASES/20 cases. The first request of a batch also reads its cases'
        // addresses for the cases by commune (kept afterwards): it is printed on its own before the warm-up hides it.
        await OnceAsync(http, "dashboard, first request of a batch (cases by commune computed)", "/batches/bench01");
        await ReportAsync(http, "batches list (/batches)", Repeat("/batches", requests));
        await ReportAsync(http, "batch dashboard (/batches/bench00)", Repeat("/batches/bench00", requests));
        await ReportAsync(http, "dashboard progress.json (polled every second)", Repeat("/batches/bench00/progress.json", requests));
        // The reports of one batch (CASES/20 cases): each request once (each is the whole batch's list, or one commune's).
        await OnceAsync(http, "workbook of a batch (/reports/corrections.xlsx?batch=bench02)", "/reports/corrections.xlsx?batch=bench02");
        var index = await OnceAsync(http, "notices' commune index (/reports/notices?batch=bench02)", "/reports/notices?batch=bench02");
        if (NoticeLink().Match(index) is { Success: true } commune)
        {
            var link = WebUtility.HtmlDecode(commune.Groups[1].Value);
            for (var i = 1; i <= 3; i++)
            {
                await OnceAsync(http, $"one commune's notices, HTML (first of the index), request {i}", link);
            }
        }
        Console.WriteLine($"load average after: {Load()}");
        return 0;
    }

    /// <summary>One request, its server time printed as is (no percentiles), with the server's CPU for it; returns the body.</summary>
    private static async Task<string> OnceAsync(HttpClient http, string name, string path)
    {
        var cpuStart = CpuMilliseconds();
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var cpu = _serverPid is null ? "?" : (CpuMilliseconds() - cpuStart).ToString("0", CultureInfo.InvariantCulture) + " ms";
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "";
        Console.WriteLine($"| {name} | 1 | {(int)response.StatusCode}: {timing} | | | | {watch.Elapsed.TotalMilliseconds:0.0} ms | | {cpu} |");
        return body;
    }

    private static List<string> Repeat(string path, int count) => Enumerable.Repeat(path, count + WarmUp).ToList();

    /// <summary>Requests every path (or, without paths, follows the queue's next-page links) and prints the percentiles after the warm-up.</summary>
    private static async Task ReportAsync(HttpClient http, string name, List<string>? paths, int follow = 0)
    {
        var server = new List<double>();
        var wall = new List<double>();
        var next = "/review?state=all";
        var total = paths?.Count ?? follow + WarmUp;
        double cpuStart = 0;
        for (var i = 0; i < total; i++)
        {
            if (i == WarmUp)
            {
                cpuStart = CpuMilliseconds();
            }
            var path = paths?[i] ?? next;
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }
            if (paths is null)
            {
                next = NextPage().Match(body) is { Success: true } link ? WebUtility.HtmlDecode(link.Groups[1].Value) : "/review?state=all";
            }
            if (i < WarmUp)
            {
                continue;
            }
            var timing = response.Headers.TryGetValues("Server-Timing", out var values)
                ? values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).FirstOrDefault(v => v.StartsWith("app;", StringComparison.Ordinal)) ?? "app;dur=NaN"
                : "app;dur=NaN";
            server.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
            wall.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpu = _serverPid is null ? "?" : ((CpuMilliseconds() - cpuStart) / server.Count).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        Console.WriteLine($"| {name} | {server.Count} | {P(server, 50)} | {P(server, 95)} | {P(server, 99)} | {P(server, 100)} | {P(wall, 50)} | {P(wall, 95)} | {cpu} |");
    }

    private static string P(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)].ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }

    private static async Task<List<long>> OpenCasesAsync(string db, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id FROM ReviewCases WHERE Unit = '{Seeder.Unit}' AND State = 1 AND ClaimedBy IS NULL ORDER BY random() LIMIT {count}";
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>The server process's CPU time so far (user + system, from /proc), in milliseconds; 0 where unknown.</summary>
    private static double CpuMilliseconds()
    {
        if (_serverPid is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are the 14th and 15th fields of the line, in clock ticks of 10 ms.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    [GeneratedRegex("<a href=\"(/reports/notices\\.html[^\"]+)\" data-html>")]
    private static partial Regex NoticeLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\" data-next-page")]
    private static partial Regex NextPage();
}
