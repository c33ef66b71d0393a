using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Grains;

/// <summary>
/// What every partition of one registry run shares (issue 14): the match model (as its JSON file) and the whole
/// registry's statistics (record count, names borne by two or more), so that each partition scores a form exactly as
/// one index of the whole registry would; and the partitions that hold records, for the fan-out.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RegistryRun(
    [property: Id(0)] string ModelJson,
    [property: Id(1)] int RecordCount,
    [property: Id(2)] IReadOnlyDictionary<string, int> SharedNames,
    [property: Id(3)] IReadOnlyList<string> Partitions)
{
    /// <summary>
    /// The run after an import: the record count moved by the records added, each touched name's count replaced by its
    /// count over the whole registry now (kept when borne by two or more, as <see cref="RegistryStatistics"/> keeps
    /// them), and partitions that received their first records added.
    /// </summary>
    public RegistryRun With(RunChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var names = new Dictionary<string, int>(SharedNames, StringComparer.Ordinal);
        foreach (var (name, count) in change.NameCounts)
        {
            if (count >= 2) names[name] = count;
            else names.Remove(name);
        }
        var partitions = Partitions.Union(change.Partitions, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return this with { RecordCount = RecordCount + change.RecordDelta, SharedNames = names, Partitions = partitions };
    }
}

/// <summary>
/// What an import into a live run changes in its statistics: records added (new record ids), the whole registry's
/// count now of every name the import touched (its records' names before and after), partitions that hold records now.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunChange(
    [property: Id(0)] int RecordDelta,
    [property: Id(1)] IReadOnlyDictionary<string, int> NameCounts,
    [property: Id(2)] IReadOnlyList<string> Partitions);

/// <summary>One registry number in the ID index: the partition that holds a record bearing it.</summary>
[GenerateSerializer, Immutable]
public sealed record IdEntry([property: Id(0)] string Id, [property: Id(1)] string Partition);
