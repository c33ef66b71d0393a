using CccdRecon.Cli.Generate;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Tests;

/// <summary>A nationwide population from the repository's generator (records spread over many provinces), and the single-process answers.</summary>
public sealed class GeneratedRegistry : IDisposable
{
    public const int Persons = 3_000;

    public GeneratedRegistry()
    {
        Directory.CreateDirectory(Root);
        var data = Path.Combine(Root, "data");
        PopulationGenerator.GenerateToDirectory(new GeneratorOptions(Persons, Seed: 1414), data);
        Records = Read(Path.Combine(data, "registry.csv"), InterchangeCsv.ReadRegistry);
        Forms = Read(Path.Combine(data, "forms.csv"), InterchangeCsv.ReadForms);
        var index = new RegistryIndex(DateOnly.FromDateTime(DateTime.Now));
        index.AddRange(Records);
        Single = new Reconciler(index, new MatchingOptions(), TimeProvider.System);
        Expected = Forms.AsParallel().AsOrdered().Select(Single.Reconcile).ToList();
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cccdrecon-cluster-" + Guid.NewGuid().ToString("N")[..8]);

    public IReadOnlyList<RegistryRecord> Records { get; }

    public IReadOnlyList<SurveyForm> Forms { get; }

    /// <summary>One process, one index of everything: the answers the cluster must give.</summary>
    public Reconciler Single { get; }

    public IReadOnlyList<Reconciliation> Expected { get; }

    private static List<T> Read<T>(string path, Func<Stream, Action<CsvRejection>, CancellationToken, IEnumerable<T>> read)
    {
        using var stream = File.OpenRead(path);
        return read(stream, r => throw new InvalidDataException($"generated file rejected at line {r.Line}"), default).ToList();
    }

    /// <summary>Differences between two answers that a user would see (status, record, flags, score, the weights explained).</summary>
    public static string? Difference(Reconciliation expected, Reconciliation actual)
    {
        if (expected.Status != actual.Status) return $"{expected.FormId}: status {expected.Status} vs {actual.Status}";
        if (expected.RecordId != actual.RecordId) return $"{expected.FormId}: record {expected.RecordId} vs {actual.RecordId}";
        if (expected.Flags != actual.Flags) return $"{expected.FormId}: flags {expected.Flags} vs {actual.Flags}";
        if (Math.Abs(expected.Score - actual.Score) > 1e-9) return $"{expected.FormId}: score {expected.Score} vs {actual.Score}";
        // The weights behind the score (the score is rounded; a partition judging the prior or a name's rarity by its
        // own size would show here first).
        if (expected.Explanation.PriorWeight != actual.Explanation.PriorWeight)
            return $"{expected.FormId}: prior weight {expected.Explanation.PriorWeight} vs {actual.Explanation.PriorWeight}";
        // By design (docs/cluster.md) a form linked nowhere is not probed on broad keys in other partitions: the distant
        // namesake one process lists for a no-match may be missing from the cluster's explanation, nothing else.
        if (expected.Status == MatchStatus.NoMatch && Top(expected) is { } far && actual.Explanation.Candidates.All(c => c.RecordId != far.RecordId)) return null;
        if (Top(expected) is { } e && Top(actual) is { } a && (e.RecordId != a.RecordId || e.Weight != a.Weight))
            return $"{expected.FormId}: best candidate {e.RecordId} {e.Weight} vs {a.RecordId} {a.Weight}";
        var fields = string.Join(";", expected.Explanation.Fields.Select(f => $"{f.Field}:{f.Level}:{f.Weight}"));
        var actualFields = string.Join(";", actual.Explanation.Fields.Select(f => $"{f.Field}:{f.Level}:{f.Weight}"));
        if (fields != actualFields) return $"{expected.FormId}: evidence {fields} vs {actualFields}";
        return null;
    }

    private static CandidateScore? Top(Reconciliation r) => r.Explanation.Candidates.Count == 0 ? null : r.Explanation.Candidates.MaxBy(c => c.Weight);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
