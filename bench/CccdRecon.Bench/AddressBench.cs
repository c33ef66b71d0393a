using System.Diagnostics;
using CccdRecon.Core.Addresses;
using CccdRecon.Core.Places;

namespace CccdRecon.Bench;

/// <summary>
/// Address parse and compare costs on addresses written from the real communes of both maps, in the styles forms use:
///   dotnet run -c Release --project bench/CccdRecon.Bench -- addresses [COUNT]
/// No data directory needed. CPU time per item, fastest of three runs (the machine is shared).
/// With a generated data set (registry.csv, forms.csv, truth.csv), how its true and random pairs compare, by the
/// address damage the truth names:
///   dotnet run -c Release --project bench/CccdRecon.Bench -- addresses --data DIR
/// </summary>
internal static class AddressBench
{
    private static readonly string[] Hamlets = ["Xóm 4", "Thôn Đông", "Ấp 3", "Tổ 12", "Khu phố 2", "TDP 5", "Bản Na Hồ", "X. 15", "Th. Tân Lập"];
    private static readonly string[] Streets = ["Lê Lợi", "Nguyễn Trãi", "Trần Hưng Đạo", "Quang Trung"];

    public static int Run(string[] args)
    {
        if (args is ["--data", var dir]) return Evaluate(dir);
        var count = args is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var rng = new Random(42);
        var former = CccdRecon.Core.Places.CommuneGazetteer.Instance.FormerCommunes;
        var current = AdministrativeMap.Communes;
        var registryTexts = new string[count];
        var formTexts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var old = former[rng.Next(former.Count)];
            var hamlet = Hamlets[rng.Next(Hamlets.Length)];
            var house = rng.Next(3) == 0 ? $"Số {rng.Next(1, 300)} đường {Streets[rng.Next(Streets.Length)]}, " : "";
            registryTexts[i] = $"{house}{hamlet}, {Word(old.Kind)} {old.Name}, {Word(old.DistrictKind)} {old.DistrictName}, {(old.Province.IsCity ? "thành phố" : "tỉnh")} {old.Province.Name}";
            // The form: the same place a third of the time abbreviated, a third in the 2025 map, a third uppercase without commas.
            formTexts[i] = (i % 3) switch
            {
                0 => $"{house}{hamlet}, {Abbrev(old.Kind)} {old.Name}, {Abbrev(old.DistrictKind)} {old.DistrictName}, {(old.Province.IsCity ? "TP." : "T.")} {old.Province.Name}",
                1 => $"{house}{hamlet}, {Word(CodeOf(current[old.Successors[0]].Kind))} {current[old.Successors[0]].Name}, {(old.Province.Successor.IsCity ? "thành phố" : "tỉnh")} {old.Province.Successor.Name}",
                _ => registryTexts[i].Replace(",", "", StringComparison.Ordinal).ToUpperInvariant(),
            };
        }

        Console.WriteLine($"{count:N0} registry and {count:N0} form addresses from the communes of both maps");
        VietnameseAddress[] registry = [], forms = [];
        Time("VietnameseAddress.Parse (registry)", count, () => registry = registryTexts.Select(VietnameseAddress.Parse).ToArray());
        Time("VietnameseAddress.Parse (forms)", count, () => forms = formTexts.Select(VietnameseAddress.Parse).ToArray());
        var sink = 0;
        Time("AddressComparer.Compare (true pairs)", count, () => { for (var i = 0; i < count; i++) sink += (int)AddressComparer.Compare(forms[i], registry[i]).Level; });
        Time("AddressComparer.Compare (random)", count, () => { for (var i = 0; i < count; i++) sink += (int)AddressComparer.Compare(forms[i], registry[(i * 7919) % count]).Level; });

        // What the comparisons said: the same place in another style or era should reach its hamlet or house.
        var truePairs = new int[8];
        var randomPairs = new int[8];
        for (var i = 0; i < count; i++)
        {
            truePairs[(int)AddressComparer.Compare(forms[i], registry[i]).Level]++;
            randomPairs[(int)AddressComparer.Compare(forms[i], registry[(i * 7919) % count]).Level]++;
        }

        Console.WriteLine($"true pairs:   {Levels(truePairs)}");
        Console.WriteLine($"random pairs: {Levels(randomPairs)}");
        return sink == int.MinValue ? 1 : 0;
    }

    /// <summary>Levels of true pairs (form and its record) by the truth's address tags, and of random pairs, on a generated data set.</summary>
    private static int Evaluate(string dir)
    {
        var registry = CccdRecon.Core.Interchange.InterchangeCsv.ReadRegistry(File.OpenRead(Path.Combine(dir, "registry.csv")), _ => { })
            .ToDictionary(r => r.RecordId, r => VietnameseAddress.Parse(r.PermanentAddress), StringComparer.Ordinal);
        var forms = CccdRecon.Core.Interchange.InterchangeCsv.ReadForms(File.OpenRead(Path.Combine(dir, "forms.csv")), _ => { })
            .ToDictionary(f => f.FormId, f => VietnameseAddress.Parse(f.PermanentAddress), StringComparer.Ordinal);
        var records = registry.Values.ToArray();
        var byTag = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var random = new int[8];
        var i = 0;
        foreach (var line in File.ReadLines(Path.Combine(dir, "truth.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (!forms.TryGetValue(f[0], out var form)) continue;
            random[(int)AddressComparer.Compare(form, records[(i++ * 7919) % records.Length]).Level]++;
            if (f[1].Length == 0 || !registry.TryGetValue(f[1], out var record)) continue;
            var tags = f[3].Split(';').Where(t => t.StartsWith("address", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            var key = string.Join("+", tags) is { Length: > 0 } joined ? joined : "(no address tag)";
            var counts = byTag.TryGetValue(key, out var c) ? c : byTag[key] = new int[8];
            counts[(int)AddressComparer.Compare(form, record).Level]++;
        }

        Console.WriteLine($"true pairs by the truth's address tags ({dir}):");
        foreach (var (tag, counts) in byTag) Console.WriteLine($"  {tag,-60} {counts.Sum(),7:N0}  {Levels(counts)}");
        Console.WriteLine($"random pairs: {Levels(random)}");
        return 0;
    }

    private static string Levels(int[] counts)
    {
        var total = Math.Max(1, counts.Sum());
        return string.Join(", ", Enum.GetValues<AddressMatchLevel>().Where(l => counts[(int)l] > 0).Select(l => $"{l} {100.0 * counts[(int)l] / total:0.0}%"));
    }

    private static string Word(string code) => code switch
    {
        "X" => "xã", "P" => "phường", "TT" => "thị trấn", "DK" => "đặc khu", "H" => "huyện", "Q" => "quận", "TX" => "thị xã", "TP" => "thành phố", _ => "",
    };

    private static string Abbrev(string code) => code switch
    {
        "X" => "X.", "P" => "P.", "TT" => "TT.", "DK" => "đặc khu", "H" => "H.", "Q" => "Q.", "TX" => "TX.", "TP" => "TP.", _ => "",
    };

    private static string CodeOf(CommuneKind kind) => kind switch { CommuneKind.Phuong => "P", CommuneKind.DacKhu => "DK", _ => "X" };

    private static void Time(string label, int n, Action body)
    {
        body(); // warm up
        (double Cpu, double Wall, double Bytes) fastest = (double.MaxValue, 0, 0);
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            body();
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / n;
            var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)n;
            if (used < fastest.Cpu) fastest = (used, sw.Elapsed.TotalMilliseconds * 1000 / n, bytes);
        }

        Console.WriteLine($"{label,-38} {fastest.Cpu,8:0.000} µs CPU/item   ({fastest.Wall,8:0.000} µs wall, {fastest.Bytes,6:0} B/item)");
    }
}
