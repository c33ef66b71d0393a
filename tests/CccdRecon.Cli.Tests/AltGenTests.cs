using System.ComponentModel;
using System.Diagnostics;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// Data from bench/altgen (an independent Python generator written from docs/interchange.md alone) must read through
/// the interchange readers without a single rejection. Needs python3: without it the test is skipped with the reason
/// on a developer machine, and fails under CI (where .ci/run installs it), so the check is never silently lost there.
/// </summary>
public sealed class AltGenTests
{
    private const int Persons = 300;

    [PythonFact]
    public async Task Interchange_readers_accept_every_row_altgen_writes()
    {
        var script = Path.Combine(RepositoryRoot(), "bench", "altgen", "altgen.py");
        Assert.True(File.Exists(script), $"missing {script}");
        var outDir = Path.Combine(Path.GetTempPath(), "cccdrecon-altgen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ran = await RunPython(script, outDir);
            Assert.True(ran is not null, PythonFactAttribute.Missing);
            Assert.True(ran.Value.ExitCode == 0, $"altgen failed: {ran.Value.Stderr}");

            var registryRejections = new List<CsvRejection>();
            var formRejections = new List<CsvRejection>();
            Dictionary<string, RegistryRecord> registry;
            List<SurveyForm> forms;
            using (var stream = File.OpenRead(Path.Combine(outDir, "registry.csv")))
                registry = InterchangeCsv.ReadRegistry(stream, registryRejections.Add).ToDictionary(r => r.RecordId);
            using (var stream = File.OpenRead(Path.Combine(outDir, "forms.csv")))
                forms = InterchangeCsv.ReadForms(stream, formRejections.Add).ToList();
            List<TruthRow> truth;
            using (var reader = File.OpenText(Path.Combine(outDir, "truth.csv")))
                truth = TruthCsv.ReadTruth(reader).ToList();

            Assert.Empty(registryRejections);
            Assert.Empty(formRejections);
            Assert.Equal(Persons, registry.Count);
            Assert.Equal(truth.Select(t => t.FormId).Order(), forms.Select(f => f.FormId).Order());
            Assert.All(truth.Where(t => t.RecordId is not null), t => Assert.True(registry.ContainsKey(t.RecordId!), t.FormId));
            Assert.All(truth.Where(t => t.RecordId is null), t => Assert.Empty(t.Flags));
            // Legacy-encoded and accent-free names are part of what altgen writes; they must come through as text.
            Assert.Contains(truth, t => t.Damages.Any(d => d.EndsWith(".tcvn3", StringComparison.Ordinal)));
            Assert.Contains(truth, t => t.Damages.Any(d => d.EndsWith(".vni", StringComparison.Ordinal)));
            Assert.All(forms, f => Assert.False(string.IsNullOrWhiteSpace(f.FullName), f.FormId));

            // With no knob set, altgen writes what it wrote before the knobs existed (hashes taken at 0e0d44d).
            Assert.Equal(
                ["d8e9b9f8986d0811414747b1e711aa900b3cd82820080a20ef8f8d3db0ec1c06", "b592fa4a40a9e48790cebb14cbdbe4d9f3236dd3407fddd02feb6841b150804d",
                 "b779f725c0b3e6a5d32bd3e678ca6ef83d15a35ff4e7b7761b6ef0724e6f9fb1"],
                new[] { "registry.csv", "forms.csv", "truth.csv" }.Select(f => Sha256(Path.Combine(outDir, f))));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>Runs altgen; null when python3 cannot be started at all.</summary>
    private static Task<(int ExitCode, string Stderr)?> RunPython(string script, string outDir) =>
        RunPython([script, "--persons", Persons.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", "--out", outDir]);

    /// <summary>Runs python3 with <paramref name="arguments"/>; null when python3 cannot be started at all.</summary>
    internal static async Task<(int ExitCode, string Stderr)?> RunPython(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stderr);
        }
    }

    /// <summary>A test that found no python3 although <see cref="PythonFactAttribute"/> let it run (under CI) fails.</summary>
    internal static void FailWithoutPython() => Assert.Fail(PythonFactAttribute.Missing + ", and CI is set: the altgen check cannot be skipped in CI");

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CccdRecon.sln"))) return dir.FullName;
        throw new InvalidOperationException("CccdRecon.sln not found above the test output folder");
    }
}

/// <summary>
/// Skips, saying why, where python3 cannot be started; under CI (where .ci/run installs it) the test runs and fails, so
/// the check is never lost there. A test that passes without running is no test (issue 12 point 17).
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public const string Missing = "needs python3 (3.11+; Debian: apt-get install python3): it is not on PATH";

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            return process is not null && process.WaitForExit(30_000) && process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    });

    public PythonFactAttribute()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        var underCi = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        if (!underCi && !Available.Value)
        {
            Skip = Missing;
        }
    }
}
