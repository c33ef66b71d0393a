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
    [property: Id(3)] IReadOnlyList<string> Partitions);

/// <summary>One registry number in the ID index: the partition that holds a record bearing it.</summary>
[GenerateSerializer, Immutable]
public sealed record IdEntry([property: Id(0)] string Id, [property: Id(1)] string Partition);
