using System.Diagnostics;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Interchange;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// CccdRecon.ClusterBench wait SILOS --Cluster:...            until SILOS silos are active
// CccdRecon.ClusterBench load FORMS.csv COUNT CONCURRENCY --Cluster:...
//   sends COUNT forms (cycling through the file) through the router; prints one line of key=value figures:
//   forms, seconds, forms_per_s, client_cpu_ms, p50_ms, p99_ms, max_ms, longest_gap_ms (no call completing), failed
var mode = args.ElementAtOrDefault(0);
var settings = args.Where(a => a.StartsWith("--Cluster:", StringComparison.Ordinal)).ToArray();
var rest = args.Except(settings).ToArray();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings });
builder.Logging.SetMinimumLevel(LogLevel.Error);
var options = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
options.Enabled = true;
builder.UseOrleansClient(client => client.UseCccdReconCluster(options));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IClusterClient>();

if (mode == "wait")
{
    var silos = int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
    while ((await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < silos) await Task.Delay(200);
    return 0;
}
if (mode != "load") { Console.Error.WriteLine("usage: wait SILOS | load FORMS.csv COUNT CONCURRENCY [--Cluster:Key=value ...]"); return 2; }

List<CccdRecon.Core.Matching.SurveyForm> forms;
await using (var stream = File.OpenRead(rest[1])) forms = InterchangeCsv.ReadForms(stream, _ => { }).ToList();
var count = int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture);
var concurrency = int.Parse(rest[3], System.Globalization.CultureInfo.InvariantCulture);
var router = host.Services.GetRequiredService<ClusterReconciler>();
await router.ReconcileAsync(forms[0]); // the run, the first activations

var latencies = new double[count];
var completions = new long[count];
var failed = 0;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
{
    var started = clock.Elapsed;
    try { await router.ReconcileAsync(forms[i % forms.Count], cancellationToken: ct); }
    catch (Exception) { Interlocked.Increment(ref failed); }
    var ended = clock.Elapsed;
    latencies[i] = (ended - started).TotalMilliseconds;
    completions[i] = ended.Ticks;
});
var seconds = clock.Elapsed.TotalSeconds;
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
Array.Sort(latencies);
Array.Sort(completions);
double gap = completions.Length == 0 ? 0 : TimeSpan.FromTicks(completions[0]).TotalMilliseconds;
for (var i = 1; i < completions.Length; i++) gap = Math.Max(gap, TimeSpan.FromTicks(completions[i] - completions[i - 1]).TotalMilliseconds);
Console.WriteLine(FormattableString.Invariant(
    $"forms={count} seconds={seconds:F2} forms_per_s={count / seconds:F0} client_cpu_ms={cpu:F0} p50_ms={latencies[count / 2]:F1} p99_ms={latencies[(int)(count * 0.99)]:F1} max_ms={latencies[^1]:F0} longest_gap_ms={gap:F0} failed={failed}"));
await host.StopAsync();
return 0;
