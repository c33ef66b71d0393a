using System.Diagnostics;
using CccdRecon.Bench.Grpc;
using CccdRecon.Core.Addresses;
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

// Address parse and compare costs on addresses written from the real communes (no data needed):
//   dotnet run -c Release --project bench/CccdRecon.Bench -- addresses [COUNT]
if (args is ["addresses", .. var addressArgs])
{
    return CccdRecon.Bench.AddressBench.Run(addressArgs);
}

// Where an absent person's form spends its time (candidates by key, bounds before the name is compared):
//   dotnet run -c Release --project bench/CccdRecon.Bench -- anatomy DIR [REGISTRY_RECORDS]
if (args is ["anatomy", var anatomyDir, .. var anatomyRest])
{
    return CccdRecon.Bench.AbsentAnatomy.Run(anatomyDir, anatomyRest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue);
}

// Branch and bound against exhaustive scoring, form by form (status, record, score, flags):
//   dotnet run -c Release --project bench/CccdRecon.Bench -- pruning DIR [FORMS]
if (args is ["pruning", var pruningDir, .. var pruningRest])
{
    return CccdRecon.Bench.PruningCheck.Run(pruningDir, pruningRest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue);
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
    Console.Error.WriteLine("       addresses [COUNT]                   (address parse and compare, no data needed)");
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

// RECONCILE_ONLY=1 skips the parse and index-build timings (the index is built once): present and absent forms only.
var reconcileOnly = Environment.GetEnvironmentVariable("RECONCILE_ONLY") == "1";
if (!reconcileOnly)
{
    Time("PersonName.Parse (full_name)", registry.Count, () => { foreach (var r in registry) PersonName.Parse(r.FullName); });
    Time("BirthDate.Parse", registry.Count, () => { foreach (var r in registry) BirthDate.Parse(r.DateOfBirth, today); });
    Time("PersonalIdNumber.Parse", registry.Count, () => { foreach (var r in registry) PersonalIdNumber.Parse(r.PersonalId); });
    Time("Province.Find", registry.Count, () => { foreach (var r in registry) Province.Find(r.BirthPlace); });
    Time("VietnameseText.Fold (address)", registry.Count, () => { foreach (var r in registry) VietnameseText.Fold(r.PermanentAddress ?? ""); });
    Time("VietnameseAddress.Parse", registry.Count, () => { foreach (var r in registry) VietnameseAddress.Parse(r.PermanentAddress); });
    Time("PersonProfile.FromRecord", registry.Count, () => { foreach (var r in registry) PersonProfile.FromRecord(r, today); });
    Time("PersonProfile.FromForm", forms.Count, () => { foreach (var f in forms) PersonProfile.FromForm(f, today); });
}

var index = new RegistryIndex(today);
if (reconcileOnly) index.AddRange(registry);
else Time("RegistryIndex.AddRange (parallel)", registry.Count, () => { index = new RegistryIndex(today); index.AddRange(registry); });
var options = new MatchingOptions();
var model = ModelTrainer.Train(index, forms.Take(3_000), options, TimeProvider.System);
var reconciler = new Reconciler(index, options, TimeProvider.System, model);
var matched = forms.Take(20_000).ToList();
Time("Reconciler.Reconcile (1 thread)", matched.Count, () => { foreach (var f in matched) reconciler.Reconcile(f); });
// Present and absent people apart (truth.csv, when the directory has one): an absent person probes every stage.
var truthPath = Path.Combine(dir, "truth.csv");
if (File.Exists(truthPath))
{
    var absentIds = File.ReadLines(truthPath).Skip(1).Select(l => l.Split(',')).Where(c => c.Length > 1 && c[1].Length == 0).Select(c => c[0]).ToHashSet();
    var present = forms.Where(f => !absentIds.Contains(f.FormId)).Take(20_000).ToList();
    var absent = forms.Where(f => absentIds.Contains(f.FormId)).Take(20_000).ToList();
    // PROFILE_ABSENT=SECONDS loops the absent forms that long (for a sampling profiler attached to this process), then exits.
    if (Environment.GetEnvironmentVariable("PROFILE_ABSENT") is { } seconds)
    {
        Console.WriteLine($"profiling {Environment.ProcessId}");
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
            foreach (var f in absent) reconciler.Reconcile(f);
        return 0;
    }
    Time("Reconcile, person present", present.Count, () => { foreach (var f in present) reconciler.Reconcile(f); });
    reconciler.TakeCounts();
    foreach (var f in present) reconciler.Reconcile(f);
    Console.WriteLine($"{"  present:",-34} {reconciler.TakeCounts().PerForm()}");
    if (absent.Count > 0)
    {
        Time("Reconcile, person absent", absent.Count, () => { foreach (var f in absent) reconciler.Reconcile(f); });
        reconciler.TakeCounts();
        foreach (var f in absent) reconciler.Reconcile(f);
        Console.WriteLine($"{"  absent:",-34} {reconciler.TakeCounts().PerForm()}");
    }
    // Where a form's time goes: candidates per stage, and the candidate search alone (every stage, nothing scored).
    var search = new CandidateSearch(index, options);
    foreach (var (label, group) in (ReadOnlySpan<(string, List<SurveyForm>)>)[("present", present), ("absent", absent)])
    {
        if (group.Count == 0) continue;
        var groupProfiles = group.Select(f => PersonProfile.FromForm(f, today)).ToList();
        var perStage = new long[CandidateSearch.Stages.Length];
        var (keys, set) = (new List<BlockingKey>(), new CandidateSet());
        using (index.Read())
            foreach (var p in groupProfiles)
            {
                set.Clear();
                foreach (var stage in CandidateSearch.Stages)
                {
                    var before = set.Count;
                    search.Gather(p, stage, keys, set);
                    perStage[(int)stage] += set.Count - before;
                }
            }
        Console.WriteLine($"{"Candidates a form, " + label,-34} {string.Join(", ", CandidateSearch.Stages.Select(st => $"{st} {perStage[(int)st] / (double)group.Count:0.0}"))} (every stage probed)");
        Time($"Candidate search alone, {label}", group.Count, () =>
        {
            using var read = index.Read();
            foreach (var p in groupProfiles) { set.Clear(); search.GatherAll(p, keys, set); }
        });
    }
}

var profiles = registry.Take(20_000).Select(r => PersonProfile.FromRecord(r, today)).ToList();
var formProfiles = forms.Take(20_000).Select(f => PersonProfile.FromForm(f, today)).ToList();
Time("FieldComparer.Compare (random)", 20_000, () => { for (var i = 0; i < 20_000; i++) FieldComparer.Compare(formProfiles[i], profiles[(i * 7919) % profiles.Count]); });
Time("FieldComparer.CompareCore (random)", 20_000, () =>
{
    for (var i = 0; i < 20_000; i++) { var c = new PairComparison(); FieldComparer.CompareCore(formProfiles[i], profiles[(i * 7919) % profiles.Count], ref c); }
});
Time("NameComparer.Compare (random)", 20_000, () => { for (var i = 0; i < 20_000; i++) NameComparer.Compare(formProfiles[i].Name, profiles[(i * 7919) % profiles.Count].Name); });
return 0;
