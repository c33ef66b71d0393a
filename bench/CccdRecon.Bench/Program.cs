using System.Diagnostics;
using CccdRecon.Bench.Grpc;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;

// Load against a running server (see bench/grpc/run.sh):
//   dotnet run -c Release --project bench/CccdRecon.Bench -- grpc --data DIR --server http://127.0.0.1:5099
if (args is ["grpc", .. var grpcArgs])
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await GrpcBench.RunAsync(grpcArgs, stop.Token);
}

// The online half of the soak (see bench/soak/run.sh, which also runs the batches and kills the server).
if (args is ["soak", .. var soakArgs])
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await CccdRecon.Bench.Soak.SoakLoad.RunAsync(soakArgs, stop.Token);
}

// Component timings on real generated data: where does a reconcile run spend its time?
//   dotnet run -c Release --project bench/CccdRecon.Bench -- components DIR [REGISTRY_RECORDS]
// REGISTRY_RECORDS (default 200,000) sets how much of the registry is indexed: per-form cost must not grow with it.
if (args is not ["components", var dir, .. var rest] || rest.Length > 1)
{
    Console.Error.WriteLine("usage: components DIR [REGISTRY_RECORDS]   (DIR holds registry.csv and forms.csv from cccdrecon generate)");
    Console.Error.WriteLine(GrpcBench.Usage);
    return 2;
}
var registry = InterchangeCsv.ReadRegistry(File.OpenRead(Path.Combine(dir, "registry.csv")), _ => { }).Take(rest is [var limit] ? int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) : 200_000).ToList();
var forms = InterchangeCsv.ReadForms(File.OpenRead(Path.Combine(dir, "forms.csv")), _ => { }).Take(100_000).ToList();
var today = new DateOnly(2026, 11, 22);

// CPU time, not wall time: this machine is shared, and CPU time is what a quiet machine would spend. Each body runs
// after a warm-up and a full collection, three times; the fastest run is reported (the others met a collection of
// the registry's heap, or a neighbour).
void Time(string label, int n, Action body)
{
    body(); // warm up
    (double Cpu, double Wall, double Bytes, string Gc) fastest = (double.MaxValue, 0, 0, "");
    for (var run = 0; run < 3; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (pause, gen0, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
        var sw = Stopwatch.StartNew();
        body();
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / n;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)n;
        var gc = $"GC {GC.CollectionCount(0) - gen0} ({GC.CollectionCount(2) - gen2} full), paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds * 1000 / n:0.00} µs/item";
        if (used < fastest.Cpu) fastest = (used, sw.Elapsed.TotalMilliseconds * 1000 / n, bytes, gc);
    }
    Console.WriteLine($"{label,-34} {fastest.Cpu,8:0.00} µs CPU/item   ({fastest.Wall,8:0.00} µs wall, {fastest.Bytes,8:0} B/item; {fastest.Gc})");
}

Time("PersonName.Parse (full_name)", registry.Count, () => { foreach (var r in registry) PersonName.Parse(r.FullName); });
Time("BirthDate.Parse", registry.Count, () => { foreach (var r in registry) BirthDate.Parse(r.DateOfBirth, today); });
Time("PersonalIdNumber.Parse", registry.Count, () => { foreach (var r in registry) PersonalIdNumber.Parse(r.PersonalId); });
Time("Province.Find", registry.Count, () => { foreach (var r in registry) Province.Find(r.BirthPlace); });
Time("VietnameseText.Fold (address)", registry.Count, () => { foreach (var r in registry) VietnameseText.Fold(r.PermanentAddress ?? ""); });
Time("PersonProfile.FromRecord", registry.Count, () => { foreach (var r in registry) PersonProfile.FromRecord(r, today); });
Time("PersonProfile.FromForm", forms.Count, () => { foreach (var f in forms) PersonProfile.FromForm(f, today); });

var index = new RegistryIndex(today);
Time("RegistryIndex.AddRange (parallel)", registry.Count, () => { index = new RegistryIndex(today); index.AddRange(registry); });
var reconciler = new Reconciler(index, new MatchingOptions(), TimeProvider.System);
var matched = forms.Where(f => index.Get(f.FormId) is null).Take(20_000).ToList();
Time("Reconciler.Reconcile (1 thread)", matched.Count, () => { foreach (var f in matched) reconciler.Reconcile(f); });

var profiles = registry.Take(20_000).Select(r => PersonProfile.FromRecord(r, today)).ToList();
var formProfiles = forms.Take(20_000).Select(f => PersonProfile.FromForm(f, today)).ToList();
Time("FieldComparer.Compare (random)", 20_000, () => { for (var i = 0; i < 20_000; i++) FieldComparer.Compare(formProfiles[i], profiles[(i * 7919) % profiles.Count]); });
Time("FieldComparer.CompareCore (random)", 20_000, () =>
{
    for (var i = 0; i < 20_000; i++) { var c = new PairComparison(); FieldComparer.CompareCore(formProfiles[i], profiles[(i * 7919) % profiles.Count], ref c); }
});
Time("NameComparer.Compare (random)", 20_000, () => { for (var i = 0; i < 20_000; i++) NameComparer.Compare(formProfiles[i].Name, profiles[(i * 7919) % profiles.Count].Name); });
return 0;
