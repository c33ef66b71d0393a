using System.Text.Json;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Generate;
using CccdRecon.Cli.Reconcile;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Cli.Tests;

/// <summary>One generated province in miniature through the whole offline run, scored against its truth.</summary>
public sealed class ReconcileEndToEndTests : IClassFixture<ReconcileEndToEndTests.Run>
{
    private readonly Run _run;

    public ReconcileEndToEndTests(Run run) => _run = run;

    public sealed class Run : IDisposable
    {
        public Run()
        {
            Directory = Path.Combine(Path.GetTempPath(), "cccdrecon-e2e-" + Guid.NewGuid().ToString("N"));
            PopulationGenerator.GenerateToDirectory(new GeneratorOptions(4000, 20261122, Today: new DateOnly(2026, 11, 22)), Directory);
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
            var request = new ReconcileRequest(Path.Combine(Directory, "registry.csv"), Path.Combine(Directory, "forms.csv"), Path.Combine(Directory, "out"))
            {
                TrainingSample = 2000,
                ChunkSize = 1000,
                Explain = true,
            };
            Summary = new ReconcileJob(time, showProgress: false).Run(request);
            using var truth = new StreamReader(Path.Combine(Directory, "truth.csv"));
            using var results = File.OpenRead(Path.Combine(Directory, "out", "results.csv"));
            Report = Evaluator.Evaluate(TruthCsv.ReadTruth(truth).ToList(), TruthCsv.ReadResults(results).ToList());
        }

        public string Directory { get; }
        public ReconcileSummary Summary { get; }
        public EvaluationReport Report { get; }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void Links_are_found_with_high_precision_and_recall()
    {
        Assert.True(_run.Report.LinkPrecision >= 0.995, $"link precision {_run.Report.LinkPrecision:0.0000}");
        Assert.True(_run.Report.LinkRecall >= 0.99, $"link recall {_run.Report.LinkRecall:0.0000}");
    }

    [Fact]
    public void Flags_name_the_fields_that_truly_need_correction()
    {
        Assert.True(_run.Report.FlagsOverall.Precision >= 0.98, $"flag precision {_run.Report.FlagsOverall.Precision:0.0000}");
        Assert.True(_run.Report.FlagsOverall.Recall >= 0.98, $"flag recall {_run.Report.FlagsOverall.Recall:0.0000}");
    }

    [Fact]
    public void Cosmetic_only_forms_come_back_clean()
    {
        Assert.True(_run.Report.CosmeticOnlyCleanShare >= 0.97, $"clean share {_run.Report.CosmeticOnlyCleanShare:0.0000}");
    }

    [Fact]
    public void People_absent_from_the_registry_are_not_linked()
    {
        var absent = _run.Report.Damages.Single(d => d.Damage == "absent");
        Assert.True(absent.LinkCorrect >= 0.97, $"absent people handled correctly {absent.LinkCorrect:0.000}");
    }

    [Fact]
    public void Training_keeps_identity_disagreement_as_evidence_against_a_match()
    {
        // Regression: EM over blocked pairs once learned "pairs that share a key" as the match class,
        // giving a different ID number m = 0.95 and linking absent people to namesakes.
        var parameters = _run.Summary.Model!.Parameters;
        var idDifferent = parameters.Single(p => p.Field == "personal_id" && p.Level == "different");
        Assert.True(idDifferent.Weight < -3, $"weight of a different ID {idDifferent.Weight:0.00}");
        var dateDifferent = parameters.Single(p => p.Field == "date_of_birth" && p.Level == "different");
        Assert.True(dateDifferent.Weight < -3, $"weight of a different date {dateDifferent.Weight:0.00}");
        // The generator leaves 3 % of forms without their person in the registry.
        Assert.InRange(_run.Summary.Model.PresentShare, 0.9, 0.999);
    }

    [Fact]
    public void Every_output_file_is_written_and_consistent()
    {
        var outDir = Path.Combine(_run.Directory, "out");
        var results = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal("form_id,status,record_id,score,flags", results[0]);
        Assert.Equal(_run.Summary.Forms + 1, results.Length);
        var clean = File.ReadAllLines(Path.Combine(outDir, "clean.csv"));
        Assert.Equal(_run.Summary.Status["clean"] + 1, clean.Length);
        var review = File.ReadAllLines(Path.Combine(outDir, "review.csv"));
        Assert.Equal(_run.Summary.DiscrepancyKinds.Values.Sum() + 1, review.Length);
        Assert.Equal(_run.Summary.Forms, File.ReadLines(Path.Combine(outDir, "explanations.jsonl")).Count());

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        foreach (var phase in (string[])["read_registry", "build_index", "train", "match", "total"])
            Assert.True(root.GetProperty("timings_seconds").TryGetProperty(phase, out _), phase);
        Assert.True(root.GetProperty("peak_memory_mb").GetDouble() > 0);
        Assert.Equal(_run.Summary.Forms, root.GetProperty("status").EnumerateObject().Sum(p => p.Value.GetInt64()));
    }

    [Fact]
    public void Explanations_show_evidence_for_each_result()
    {
        var first = File.ReadLines(Path.Combine(_run.Directory, "out", "explanations.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("status").GetString() == "review");
        var explanation = first.GetProperty("explanation");
        Assert.True(explanation.GetProperty("fields").GetArrayLength() >= 6);
        Assert.True(explanation.GetProperty("candidates").GetArrayLength() >= 1);
        Assert.False(string.IsNullOrEmpty(explanation.GetProperty("decision").GetString()));
        Assert.True(first.GetProperty("discrepancies").GetArrayLength() >= 1);
    }
}
