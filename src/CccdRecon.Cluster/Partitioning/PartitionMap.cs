using CccdRecon.Core.Addresses;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Places;

namespace CccdRecon.Cluster.Partitioning;

/// <summary>
/// Where a registry record lives and where a form is looked for (issue 14). A record lives in the partition of its
/// current residence: the province of the map in force (<see cref="AdministrativeMap.PartitionKey"/>, whichever map its
/// address was written in) and, for a province listed in <see cref="ClusterOptions.CommuneBuckets"/>, a bucket of its
/// current commune. A record whose address names no province lives in <see cref="UnplacedPartition"/>.
/// </summary>
public sealed class PartitionMap
{
    /// <summary>The partition of records whose residence names no province.</summary>
    public const string UnplacedPartition = "00";

    private readonly IReadOnlyDictionary<string, int> _buckets;

    public PartitionMap(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _buckets = options.CommuneBuckets;
        IdBuckets = options.IdBuckets;
    }

    /// <summary>The number of ID-index grains.</summary>
    public int IdBuckets { get; }

    /// <summary>Every partition the map can name (provinces of the current map, their buckets, and the unplaced one).</summary>
    public IReadOnlyList<string> AllPartitions()
    {
        var all = new List<string> { UnplacedPartition };
        foreach (var province in AdministrativeMap.CurrentProvinces)
        {
            var code = province.AdministrativeCode;
            var buckets = BucketsOf(code);
            if (buckets == 1) all.Add(code);
            else for (var b = 0; b < buckets; b++) all.Add(Bucketed(code, b));
        }
        return all;
    }

    /// <summary>The partition a registry record lives in, by its permanent address.</summary>
    public string PartitionOf(RegistryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var address = VietnameseAddress.Parse(record.PermanentAddress);
        if (address.ResidenceProvinceCode is not { } code) return UnplacedPartition;
        var buckets = BucketsOf(code);
        return buckets == 1 ? code : Bucketed(code, BucketOf(address.CurrentCommuneCode, buckets));
    }

    /// <summary>
    /// The province of residence (the registry database's <c>ResidenceProvince</c>) whose records hold a partition's:
    /// its province code, without the bucket; "" for <see cref="UnplacedPartition"/>.
    /// </summary>
    public static string ResidenceProvinceOf(string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (partition == UnplacedPartition) return "";
        var dash = partition.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? partition : partition[..dash];
    }

    /// <summary>
    /// The partitions a form is looked for first: those of its collecting unit's province (or, without one, of the
    /// province of its permanent address), narrowed to one commune bucket where the form's commune is known. Empty
    /// when neither names a province.
    /// </summary>
    public IReadOnlyList<string> HomeOf(SurveyForm form, string? unitProvince = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var address = VietnameseAddress.Parse(form.PermanentAddress);
        var unit = AdministrativeMap.FindCurrent(unitProvince);
        var province = unit ?? address.CurrentProvince;
        if (province is null) return [UnplacedPartition];
        var code = AdministrativeMap.PartitionKey(province);
        var buckets = BucketsOf(code);
        if (buckets == 1) return [code];
        // The form's commune picks the bucket when the form lives in the unit's province; otherwise every bucket.
        if (address.CurrentProvince == province && address.CurrentCommuneCode is { } commune)
            return [Bucketed(code, BucketOf(commune, buckets))];
        return Enumerable.Range(0, buckets).Select(b => Bucketed(code, b)).ToArray();
    }

    /// <summary>The ID numbers (12-digit, 9-digit) a registry record is filed under in the ID index.</summary>
    public static IEnumerable<string> IdsOf(RegistryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in new[] { record.PersonalId, record.OldId })
            if (IdKey(raw) is { } key && seen.Add(key)) yield return key;
    }

    /// <summary>The ID number a form is routed by, or null when it has none that reads as 12 or 9 digits.</summary>
    public static string? IdOf(SurveyForm form) => IdKey(form?.PersonalId);

    /// <summary>The ID-index bucket of a normalised ID number (a stable hash, the same in every process).</summary>
    public int IdBucketOf(string idKey) => (int)(StableHash(idKey) % (uint)IdBuckets);

    /// <summary>An ID number as the ID index files it (the digits of a 12- or 9-digit number), or null when it reads as neither.</summary>
    public static string? IdKey(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var id = PersonalIdNumber.Parse(raw);
        return id.Kind is IdNumberKind.Personal12 or IdNumberKind.Legacy9 ? id.Digits : null;
    }

    /// <summary>The commune buckets a province (current code) is split into; 1 when it is not split.</summary>
    public int BucketsOfProvince(string provinceCode) => _buckets.TryGetValue(provinceCode, out var n) ? n : 1;

    private int BucketsOf(string provinceCode) => BucketsOfProvince(provinceCode);

    private static string Bucketed(string code, int bucket) => $"{code}-{bucket}";

    // A record whose commune the map cannot name goes to bucket 0; the form's home then includes every bucket only
    // when the form's own commune is unknown, so such records are found through the ID index or the fan-out.
    private static int BucketOf(string? communeCode, int buckets)
        => communeCode is null ? 0 : (int)(StableHash(communeCode) % (uint)buckets);

    /// <summary>FNV-1a over the characters: the same in every process and release (string.GetHashCode is not).</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
