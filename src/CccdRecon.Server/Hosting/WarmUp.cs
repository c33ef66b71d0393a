using System.Diagnostics;
using System.Runtime;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Server.Batches;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// Runs a batch's code once before the server reports ready, so that the first batch does not pay for compiling it: the
/// server compiles each method once, fully optimised, on its first call (TieredCompilation off, see the project file),
/// and a cold 400k batch compiled ≈ 3,500 methods in ≈ 3 JIT s, of which this takes ≈ 1,000 and ≈ 0.8 s out for
/// ≈ 0.6 CPU s at start (bench/batch/README.md, feat/jit); the rest is on paths that write, which this must not. The
/// engine runs on a throwaway index of invented people (the live index is not touched, nothing of the registry is
/// read); the data layer answers the batch path's read queries for a batch id no batch can have. Nothing is written.
/// Bounded: a fixed handful of records and forms, whatever the registry's size.
/// </summary>
internal sealed class WarmUp(Reconciler reconciler, IChunkReconciler matcher, BatchStore store, TimeProvider time, ILogger<WarmUp> logger)
{
    /// <summary>Invented people in the throwaway index; each of the first <see cref="Forms"/> is also a form.</summary>
    public const int People = 120;
    public const int Forms = 60;

    /// <summary>Longer than the 64 characters a batch id may have (BatchStore refuses longer ones): no batch has it.</summary>
    public static readonly string NoBatch = "warm-up:" + new string('0', 64);

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Ngọc"];
    private static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Mai", "Nam"];
    private static readonly string[] Provinces = ["Hà Nội", "Nam Định", "Thái Bình", "Nghệ An"];

    /// <summary>
    /// Runs the warm-up; a failure is logged and the start goes on: the warm-up only saves the first batch its compiling,
    /// and must never keep a server that can serve from starting (a failing engine or database shows in the calls and the
    /// health check, as before).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WarmUpFailed(logger, ex);
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var jit = JitInfo.GetCompilationTime();
        var methods = JitInfo.GetCompiledMethodCount();

        var records = Enumerable.Range(0, People).Select(Record).ToArray();
        var forms = records.Take(Forms).Select((record, i) => Form(record, i)).ToArray();
        var index = new RegistryIndex(reconciler.Index.Today);
        index.AddRange(records, cancellationToken: cancellationToken);
        var engine = new Reconciler(index, reconciler.Options, time, reconciler.Model);
        // As a batch: a model trained on its first forms, kept as JSON and read back, then the forms matched on every core.
        var model = ModelTrainer.Train(index, forms, reconciler.Options, time, cancellationToken);
        var batch = engine.WithModel(ModelFile.FromJson(ModelFile.ToJson(model)));
        if (matcher.CanTrain)
        {
            await matcher.ReconcileAsync(batch, forms, cancellationToken);
        }
        else
        {
            // Cluster mode: the silos match; the process still composes results with its own engine for online calls.
            foreach (var form in forms) batch.Reconcile(form);
        }

        await store.ModelOfAsync(NoBatch, cancellationToken);
        await store.TrainingSampleAsync(NoBatch, 1, cancellationToken);
        await store.PendingFormsAsync(NoBatch, 0, 1, cancellationToken);

        Log.WarmedUp(logger, watch.ElapsedMilliseconds, (long)(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,
            (long)(JitInfo.GetCompilationTime() - jit).TotalMilliseconds, JitInfo.GetCompiledMethodCount() - methods);
    }

    /// <summary>An invented person: names from short fixed lists, a made-up ID number, no real record.</summary>
    private static RegistryRecord Record(int n)
    {
        var male = n % 2 == 0;
        var dob = new DateOnly(1950 + n % 50, 1 + n % 12, 1 + n % 28);
        return new RegistryRecord
        {
            RecordId = $"W{n:D5}",
            PersonalId = $"0{n % 90 + 1:D2}{(male ? 0 : 1)}{dob.Year % 100:D2}{n:D6}",
            FullName = $"{FamilyNames[n % FamilyNames.Length]} {(male ? MiddleNames[n % 2 * 2] : MiddleNames[1])} {GivenNames[n / 7 % GivenNames.Length]}",
            DateOfBirth = dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Gender = male ? "male" : "female",
            BirthPlace = Provinces[n % Provinces.Length],
            Hometown = Provinces[(n + 1) % Provinces.Length],
            PermanentAddress = $"Số {n + 1} đường Một, phường Hai, {Provinces[n % Provinces.Length]}",
        };
    }

    /// <summary>A form of <paramref name="record"/>: as written, without its ID, with a changed date, with a changed
    /// name — so that the search's stages, the scoring and each outcome run.</summary>
    private static SurveyForm Form(RegistryRecord record, int i) => new()
    {
        FormId = $"WF{i:D5}",
        PersonalId = i % 4 == 1 ? null : record.PersonalId,
        FullName = i % 4 == 3 ? record.FullName + " Anh" : record.FullName,
        DateOfBirth = i % 4 == 2 ? record.DateOfBirth![..4] + "-12-31" : record.DateOfBirth,
        Gender = record.Gender,
        BirthPlace = record.BirthPlace,
        Hometown = record.Hometown,
        PermanentAddress = record.PermanentAddress,
    };
}
