using System.Collections.Frozen;
using System.Reflection;

namespace CccdRecon.Core.Places;

/// <summary>
/// The communes of both maps, read once from the embedded tables in Places/Data (see its README for their source and
/// licence): the 3,321 units in force since 1 July 2025, and each of the 10,040 communes of the 63-province map
/// (under its district) with the new commune(s) its territory went to. Lookups take folded keys as spans and return
/// shared arrays, so a parse asks them without allocating.
/// </summary>
internal sealed class CommuneGazetteer
{
    private static readonly Lazy<CommuneGazetteer> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static CommuneGazetteer Instance => Shared.Value;

    /// <summary>The 3,321 communes of the current map, ordered by province then code.</summary>
    public Commune[] Communes { get; }

    /// <summary>One old commune: its province and district in the 63-province map, its name, and where its territory went.</summary>
    /// <param name="DistrictKind">H huyện, Q quận, TX thị xã, TP thành phố</param>
    /// <param name="Kind">X xã, P phường, TT thị trấn</param>
    internal sealed record OldCommune(Province Province, string DistrictKind, string DistrictName, string DistrictKey, string Kind, string Name, string Key, int[] Successors);

    /// <summary>Every commune of the 63-province map that the table knows (10,035: five island districts had none).</summary>
    public IReadOnlyList<OldCommune> FormerCommunes { get; }

    /// <summary>The old communes of one current province that share a name key, and all their successors together.</summary>
    internal sealed record OldCommunes(OldCommune[] Entries, int[] Successors);

    // Indexed by Province.Ordinal of a current province.
    private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>>[] _current;
    private readonly FrozenDictionary<string, OldCommunes>.AlternateLookup<ReadOnlySpan<char>>[] _former;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>[] _districts;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _currentNames;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _accentedNames;
    private readonly FrozenDictionary<string, Commune> _byCode;

    private CommuneGazetteer(Commune[] communes, Dictionary<string, List<int>>[] current, Dictionary<string, List<OldCommune>>[] former,
        HashSet<string>[] districts, HashSet<string> names, HashSet<string> accentedNames)
    {
        Communes = communes;
        FormerCommunes = former.Where(m => m is not null).SelectMany(m => m.Values).SelectMany(l => l).ToArray();
        _byCode = communes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        var count = Province.Every.Count;
        _current = new FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>>[count];
        _former = new FrozenDictionary<string, OldCommunes>.AlternateLookup<ReadOnlySpan<char>>[count];
        _districts = new FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>[count];
        for (var i = 0; i < count; i++)
        {
            _current[i] = (current[i] ?? []).ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal)
                .GetAlternateLookup<ReadOnlySpan<char>>();
            _former[i] = (former[i] ?? []).ToFrozenDictionary(kv => kv.Key, kv => new OldCommunes(kv.Value.ToArray(), Union(kv.Value)), StringComparer.Ordinal)
                .GetAlternateLookup<ReadOnlySpan<char>>();
            _districts[i] = (districts[i] ?? []).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        _names = names.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _accentedNames = accentedNames.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _currentNames = communes.Select(c => c.Key).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Commune? FromCode(string code) => _byCode.TryGetValue(code, out var commune) ? commune : null;

    /// <summary>Indices of the current communes of <paramref name="current"/> named by <paramref name="key"/> (two when a xã and a phường share it).</summary>
    public int[]? CurrentCommunes(Province current, ReadOnlySpan<char> key) =>
        !key.IsEmpty && _current[current.Ordinal].TryGetValue(key, out var found) ? found : null;

    /// <summary>
    /// Where an old commune's territory went. <paramref name="written"/> is the province as written: "Bắc Kạn" narrows
    /// the search to that former province, "Thái Nguyên" (a name both maps use) searches every province merged into
    /// the current Thái Nguyên. A district narrows it further when it names one the commune was in.
    /// </summary>
    public int[]? Successors(Province written, ReadOnlySpan<char> districtKey, ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || !_former[written.Successor.Ordinal].TryGetValue(key, out var found)) return null;
        if (!districtKey.IsEmpty && Collect(found.Entries, written, districtKey) is { } inDistrict) return inDistrict;
        return written.NameIsCurrent ? found.Successors : Collect(found.Entries, written, default);
    }

    /// <summary>Successors of the old communes that lie in the province (and district, when given) written; null when none.</summary>
    private static int[]? Collect(OldCommune[] entries, Province written, ReadOnlySpan<char> districtKey)
    {
        int[]? first = null;
        List<int>? merged = null;
        foreach (var entry in entries)
        {
            if (!Fits(entry, written, districtKey)) continue;
            if (first is null)
            {
                first = entry.Successors;
                continue;
            }

            merged ??= [.. first];
            foreach (var s in entry.Successors)
            {
                if (!merged.Contains(s)) merged.Add(s);
            }
        }

        return merged is null ? first : [.. merged];
    }

    private static bool Fits(OldCommune entry, Province written, ReadOnlySpan<char> districtKey) =>
        (written.NameIsCurrent || entry.Province == written) && (districtKey.IsEmpty || districtKey.SequenceEqual(entry.DistrictKey));

    /// <summary>True when <paramref name="key"/> names a district of the 63-province map within the current province.</summary>
    public bool IsFormerDistrict(Province current, ReadOnlySpan<char> key) => !key.IsEmpty && _districts[current.Ordinal].Contains(key);

    /// <summary>True when <paramref name="key"/> names a commune of either map within the current province.</summary>
    public bool IsCommune(Province current, ReadOnlySpan<char> key) =>
        !key.IsEmpty && (_current[current.Ordinal].ContainsKey(key) || _former[current.Ordinal].ContainsKey(key));

    /// <summary>True when <paramref name="key"/> is the name of a current commune somewhere in the country.</summary>
    public bool IsCurrentCommuneName(ReadOnlySpan<char> key) => !key.IsEmpty && _currentNames.Contains(key);

    /// <summary>Like <see cref="IsPlaceName"/> for an accented key (<see cref="PlaceKeys.AccentedOf"/>): "đôngphươngyên" is a place, "đôngphườngyên" is not.</summary>
    public bool IsAccentedPlaceName(ReadOnlySpan<char> key) => !key.IsEmpty && _accentedNames.Contains(key);

    /// <summary>True when <paramref name="key"/> is the name of any commune or district of either map, anywhere.</summary>
    public bool IsPlaceName(ReadOnlySpan<char> key) => !key.IsEmpty && _names.Contains(key);

    private static int[] Union(List<OldCommune> entries)
    {
        if (entries.Count == 1) return entries[0].Successors;
        var all = new List<int>();
        foreach (var e in entries)
        {
            foreach (var s in e.Successors)
            {
                if (!all.Contains(s)) all.Add(s);
            }
        }

        return [.. all];
    }

    private static CommuneGazetteer Load()
    {
        var count = Province.Every.Count;
        var current = new Dictionary<string, List<int>>[count];
        var former = new Dictionary<string, List<OldCommune>>[count];
        var districts = new HashSet<string>[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var accented = new HashSet<string>(StringComparer.Ordinal);
        var communes = new List<Commune>(3_400);
        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var provinceByAdminCode = Province.Current.ToDictionary(p => p.AdministrativeCode, StringComparer.Ordinal);

        foreach (var line in Lines("communes-2025.tsv"))
        {
            var f = line.Split('\t');
            var province = provinceByAdminCode[f[0]];
            var commune = new Commune(f[1], KindOf(f[2]), f[3], province) { Index = communes.Count };
            byCode[commune.Code] = commune.Index;
            communes.Add(commune);
            ((current[province.Ordinal] ??= new(StringComparer.Ordinal)).GetValueOrDefault(commune.Key) ?? Add(current[province.Ordinal], commune.Key)).Add(commune.Index);
            names.Add(commune.Key);
            accented.Add(PlaceKeys.AccentedOf(commune.Name));
        }

        Province? oldProvince = null;
        string districtKey = "", districtKind = "", districtName = "";
        foreach (var line in Lines("communes-before-2025.tsv"))
        {
            var f = line.Split('\t');
            if (f[0].Length > 0)
            {
                oldProvince = Province.FromCode(f[0]) ?? throw new InvalidDataException($"communes-before-2025.tsv: unknown province {f[0]}");
                (districtKind, districtName, districtKey) = (f[1], f[2], PlaceKeys.Of(f[2]));
                (districts[oldProvince.Successor.Ordinal] ??= new(StringComparer.Ordinal)).Add(districtKey);
                names.Add(districtKey);
                accented.Add(PlaceKeys.AccentedOf(f[2]));
                continue;
            }

            // "\tkind\tname\tcodes"; the five island districts that had no commune list an empty name.
            if (oldProvince is null || f[2].Length == 0) continue;
            var key = PlaceKeys.Of(f[2]);
            var successors = f[3].Split(',').Select(c => byCode[c]).ToArray();
            var map = former[oldProvince.Successor.Ordinal] ??= new(StringComparer.Ordinal);
            (map.GetValueOrDefault(key) ?? Add(map, key)).Add(new OldCommune(oldProvince, districtKind, districtName, districtKey, f[1], f[2], key, successors));
            names.Add(key);
            accented.Add(PlaceKeys.AccentedOf(f[2]));
        }

        return new CommuneGazetteer([.. communes], current, former, districts, names, accented);
    }

    private static List<T> Add<T>(Dictionary<string, List<T>> map, string key) => map[key] = [];

    private static CommuneKind KindOf(string code) => code switch
    {
        "P" => CommuneKind.Phuong,
        "DK" => CommuneKind.DacKhu,
        "TT" => CommuneKind.ThiTran,
        _ => CommuneKind.Xa,
    };

    private static IEnumerable<string> Lines(string file)
    {
        var name = "CccdRecon.Core.Places.Data." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') yield return line;
        }
    }
}
