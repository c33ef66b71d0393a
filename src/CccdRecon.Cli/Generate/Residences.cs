using System.Text;

namespace CccdRecon.Cli.Generate;

/// <summary>How a permanent address is written on a form (or in the registry).</summary>
public enum AddressStyle
{
    /// <summary>The generator's original one-line address (số, đường, phường, province); no administrative levels.</summary>
    Legacy,
    /// <summary>Every level in full words: <c>Xóm 4, xã Tiên Hội, huyện Phổ Yên, tỉnh Thái Nguyên</c>.</summary>
    Full,
    /// <summary>As clerks abbreviate: <c>X. 4, X. Tiên Hội, H. Phổ Yên, T. Thái Nguyên</c>, <c>TP.</c>, <c>TX.</c>, <c>TT.</c>, <c>P.</c>, <c>Q.</c>, <c>KP</c>, <c>TDP</c>, <c>SN</c>, <c>Th.</c>.</summary>
    Abbreviated,
    /// <summary>Each level of each address full or abbreviated at random.</summary>
    Mixed,
    /// <summary>Each form draws one of full (40 %), abbreviated (40 %) or mixed (20 %).</summary>
    Varied,
}

/// <summary>A district (huyện, quận, thị xã, thành phố thuộc tỉnh) of the generator's world.</summary>
internal sealed class District(ProvinceUnit province, string kind, string name)
{
    public ProvinceUnit Province { get; } = province;
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public Commune[] Communes { get; set; } = [];
}

/// <summary>A commune-level unit (xã, phường, thị trấn) and what it is called since 1 July 2025.</summary>
internal sealed record Commune(District District, string Kind, string Name, string Kind2025, string Name2025)
{
    public bool RenamedIn2025 => Kind2025 != Kind || Name2025 != Name;
}

/// <summary>The lowest part of an address: a hamlet, a residential group or a house on a street.</summary>
internal enum LocalityKind { Xom, Thon, Ap, Ban, Buon, ToDanPho, KhuPho, House, AlleyHouse }

/// <summary>A permanent address in parts, so that it can be written in any style.</summary>
internal sealed record Residence(Commune Commune, LocalityKind Kind, int Number, string? Place, int Alley)
{
    public District District => Commune.District;
    public ProvinceUnit Province => Commune.District.Province;
}

/// <summary>
/// The generator's world of districts and communes (synthetic names on the real 63-province map) and the writing of
/// addresses in the styles clerks use. Draws only from its own random stream so that switching an address style on
/// changes addresses and nothing else. Independent of the matching engine's address knowledge by design.
/// </summary>
internal sealed class Residences
{
    /// <summary>The world is the same for every run: its names come from a fixed seed.</summary>
    private const ulong WorldSeed = 0x5EED_0AD0_2025UL;

    private readonly Dictionary<string, District[]> _districts = new(StringComparer.Ordinal);

    public Residences(Rng rng, Rng formRng)
    {
        Rng = rng;
        FormRng = formRng;
        var world = new Rng(WorldSeed);
        foreach (var province in AdministrativeMap.Provinces) _districts[province.Code] = BuildDistricts(province, world);
    }

    /// <summary>The stream people's addresses are drawn from.</summary>
    public Rng Rng { get; }

    /// <summary>The stream forms are written from (style, map, moves): apart, so a form style never changes the registry.</summary>
    public Rng FormRng { get; }

    public IReadOnlyList<District> DistrictsOf(ProvinceUnit province) => _districts[province.Code];

    /// <summary>A new address in <paramref name="provinceCode"/>, drawn from <paramref name="rng"/>.</summary>
    public Residence NewResidence(string provinceCode, Rng rng)
    {
        var district = rng.Pick(_districts[provinceCode]);
        return NewResidenceIn(rng.Pick(district.Communes), rng);
    }

    /// <summary>A neighbour's address: the same commune, another house or hamlet, drawn from <paramref name="rng"/>.</summary>
    public static Residence NewResidenceIn(Commune commune, Rng rng)
    {
        var south = string.CompareOrdinal(commune.District.Province.Code, "070") >= 0;
        var highland = commune.District.Province.Code is "002" or "004" or "006" or "008" or "010" or "011" or "012" or "014" or "015" or "017" or "020";
        var centralHighland = commune.District.Province.Code is "062" or "064" or "066" or "067" or "068";
        var roll = rng.NextDouble();
        var kind = commune.Kind switch
        {
            "phường" => roll switch { < 0.50 => LocalityKind.House, < 0.65 => LocalityKind.AlleyHouse, < 0.85 => LocalityKind.ToDanPho, _ => LocalityKind.KhuPho },
            "thị trấn" => roll switch { < 0.55 => LocalityKind.ToDanPho, < 0.75 => south ? LocalityKind.KhuPho : LocalityKind.ToDanPho, _ => LocalityKind.House },
            _ when south => roll < 0.9 ? LocalityKind.Ap : LocalityKind.KhuPho,
            _ when highland => roll switch { < 0.4 => LocalityKind.Ban, < 0.8 => LocalityKind.Thon, _ => LocalityKind.Xom },
            _ when centralHighland => roll < 0.3 ? LocalityKind.Buon : LocalityKind.Thon,
            _ => roll < 0.5 ? LocalityKind.Thon : LocalityKind.Xom,
        };
        var number = kind is LocalityKind.House or LocalityKind.AlleyHouse ? rng.Next(1, 300) : rng.Next(1, 16);
        string? place = kind switch
        {
            LocalityKind.House or LocalityKind.AlleyHouse => rng.Pick(AdministrativeMap.Streets),
            LocalityKind.Thon or LocalityKind.Ban or LocalityKind.Buon => rng.Pick(AdministrativeMap.VillageNames),
            _ => null,
        };
        var alley = kind == LocalityKind.AlleyHouse ? rng.Next(2, 200) : 0;
        return new Residence(commune, kind, number, place, alley);
    }

    /// <summary>The registry's way: every level in full words, lower-case unit words after the first part.</summary>
    public static string WriteRegistry(Residence r) => string.Join(", ", Parts(r, post2025: false).Select(p => p.Full(capitalise: false)));

    /// <summary>Writes <paramref name="r"/> in <paramref name="wording"/> (Full, Abbreviated or Mixed), on the old or the 2025 map.</summary>
    public static string Write(Residence r, AddressStyle wording, bool post2025, Rng rng)
    {
        var capitalise = rng.Chance(0.4);
        var separator = rng.NextDouble() switch { < 0.75 => ", ", < 0.85 => ",", _ => " - " };
        var parts = Parts(r, post2025);
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (text.Length > 0) text.Append(separator);
            var abbreviate = wording == AddressStyle.Abbreviated || (wording == AddressStyle.Mixed && rng.Chance(0.5));
            text.Append(abbreviate ? part.Abbreviated(rng) : part.Full(capitalise));
        }
        return text.ToString();
    }

    /// <summary>A hometown (quê quán) "Xã {commune}, {province}" written in <paramref name="wording"/>.</summary>
    public static string WriteHometown(string commune, ProvinceUnit province, AddressStyle wording, Rng rng)
    {
        var communePart = new AddressPart(AddressLevel.Commune, "xã", commune);
        var provincePart = new AddressPart(AddressLevel.Province, province.Kind, province.Name);
        string Write(AddressPart p) => wording == AddressStyle.Abbreviated || (wording == AddressStyle.Mixed && rng.Chance(0.5))
            ? p.Abbreviated(rng) : p.Full(capitalise: true);
        return $"{Write(communePart)}, {Write(provincePart)}";
    }

    private static AddressPart[] Parts(Residence r, bool post2025)
    {
        var locality = new AddressPart(AddressLevel.Locality, "", r.Place ?? "", r.Number, r.Alley, r.Kind);
        var commune = post2025
            ? new AddressPart(AddressLevel.Commune, r.Commune.Kind2025, r.Commune.Name2025)
            : new AddressPart(AddressLevel.Commune, r.Commune.Kind, r.Commune.Name);
        var province = post2025
            ? new AddressPart(AddressLevel.Province, r.Province.Kind2025, r.Province.Name2025)
            : new AddressPart(AddressLevel.Province, r.Province.Kind, r.Province.Name);
        // Since 1 July 2025 there is no district level.
        return post2025
            ? [locality, commune, province]
            : [locality, commune, new AddressPart(AddressLevel.District, r.District.Kind, r.District.Name), province];
    }

    private static District[] BuildDistricts(ProvinceUnit province, Rng world)
    {
        var count = world.Next(6, 11);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var districts = new District[count];
        var numbered = 0;
        for (var i = 0; i < count; i++)
        {
            string kind;
            if (province.IsCity) kind = world.Chance(0.6) ? "quận" : i == count - 1 ? "thị xã" : "huyện";
            else kind = i == 0 ? "thành phố" : i == 1 && world.Chance(0.5) ? "thị xã" : "huyện";
            // Hồ Chí Minh City's inner districts are numbered (quận 1 … quận 12).
            var name = province.Code == "079" && kind == "quận" && numbered < 12 && world.Chance(0.6)
                ? (++numbered).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : UniqueName(world, names);
            districts[i] = new District(province, kind, name);
        }
        foreach (var district in districts) district.Communes = BuildCommunes(district, world);
        return districts;
    }

    private static Commune[] BuildCommunes(District district, Rng world)
    {
        var urban = district.Kind is "quận" or "thành phố" or "thị xã";
        var numberedWards = urban && (district.Province.Code == "079" || world.Chance(0.15));
        var count = world.Next(6, 13);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var communes = new Commune[count];
        for (var i = 0; i < count; i++)
        {
            var kind = urban ? (district.Kind == "quận" || world.Chance(0.75) ? "phường" : "xã") : i == 0 ? "thị trấn" : "xã";
            var name = kind == "phường" && numberedWards ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : UniqueName(world, names);
            // 2025: thị trấn are gone (most became xã), many communes were merged and took a new name, often the
            // name of the former district or town (xã Phú Lương, phường Phổ Yên).
            var kind2025 = kind == "thị trấn" ? (world.Chance(0.7) ? "xã" : "phường") : kind;
            var roll = world.NextDouble();
            var districtName = char.IsDigit(district.Name[0]) ? null : district.Name;
            var name2025 = roll < 0.5 ? name : roll < 0.8 && districtName is not null ? districtName : UniqueName(world, names);
            communes[i] = new Commune(district, kind, name, kind2025, name2025);
        }
        return communes;
    }

    private static string UniqueName(Rng world, HashSet<string> used)
    {
        while (true)
        {
            var head = world.Pick(AdministrativeMap.PlaceHeads);
            var tail = world.Pick(AdministrativeMap.PlaceTails);
            var name = $"{head} {tail}";
            if (head != tail && used.Add(name)) return name;
        }
    }
}

internal enum AddressLevel { Locality, Commune, District, Province }

/// <summary>One level of an address, written in full or abbreviated.</summary>
internal readonly record struct AddressPart(AddressLevel Level, string Kind, string Name, int Number = 0, int Alley = 0, LocalityKind Locality = default)
{
    private bool Numbered => Name.Length > 0 && char.IsDigit(Name[0]);

    public string Full(bool capitalise)
    {
        if (Level == AddressLevel.Locality) return FullLocality();
        var unit = capitalise ? Capitalise(Kind) : Kind;
        return $"{unit} {Name}";
    }

    private string FullLocality() => Locality switch
    {
        LocalityKind.Xom => $"Xóm {Number}",
        LocalityKind.Thon => $"Thôn {Name}",
        LocalityKind.Ap => $"Ấp {Number}",
        LocalityKind.Ban => $"Bản {Name}",
        LocalityKind.Buon => $"Buôn {Name}",
        LocalityKind.ToDanPho => $"Tổ dân phố {Number}",
        LocalityKind.KhuPho => $"Khu phố {Number}",
        LocalityKind.House => $"Số {Number}, đường {Name}",
        _ => $"Số {Number}, ngõ {Alley}, đường {Name}",
    };

    /// <summary>The forms clerks really use, each with its rough share.</summary>
    public string Abbreviated(Rng rng)
    {
        var r = rng.NextDouble();
        var n = Name;
        switch (Level)
        {
            case AddressLevel.Locality:
                return Locality switch
                {
                    LocalityKind.Xom => r < 0.5 ? $"X. {Number}" : r < 0.8 ? $"X.{Number}" : $"Xóm {Number}",
                    LocalityKind.Thon => r < 0.5 ? $"Th. {n}" : r < 0.8 ? $"Thôn {n}" : $"th. {n}",
                    LocalityKind.Ap => r < 0.6 ? $"Ấp {Number}" : r < 0.85 ? $"ấp {Number}" : $"A. {Number}",
                    LocalityKind.Ban => r < 0.6 ? $"Bản {n}" : $"B. {n}",
                    LocalityKind.Buon => r < 0.7 ? $"Buôn {n}" : $"B. {n}",
                    LocalityKind.ToDanPho => r < 0.45 ? $"TDP {Number}" : r < 0.65 ? $"TDP số {Number}" : r < 0.85 ? $"Tổ {Number}" : $"TDP.{Number}",
                    LocalityKind.KhuPho => r < 0.5 ? $"KP {Number}" : r < 0.75 ? $"KP.{Number}" : $"Kp {Number}",
                    LocalityKind.House => r < 0.35 ? $"SN {Number}, {n}" : r < 0.6 ? $"Số {Number} {n}" : r < 0.85 ? $"{Number} {n}" : $"SN {Number} Đ. {n}",
                    _ => r < 0.4 ? $"SN {Number} ngõ {Alley} {n}" : r < 0.75 ? $"{Number}/{Alley} {n}" : $"Số {Number} ng. {Alley} Đ. {n}",
                };
            case AddressLevel.Commune:
                return Kind switch
                {
                    "phường" when Numbered => r < 0.35 ? $"P. {n}" : r < 0.65 ? $"P.{n}" : r < 0.9 ? $"P{n}" : $"F{n}",
                    "phường" => r < 0.55 ? $"P. {n}" : r < 0.85 ? $"P.{n}" : $"p. {n}",
                    "thị trấn" => r < 0.5 ? $"TT. {n}" : r < 0.8 ? $"TT {n}" : $"Tt. {n}",
                    _ => r < 0.55 ? $"X. {n}" : r < 0.8 ? $"X.{n}" : $"x. {n}",
                };
            case AddressLevel.District:
                return Kind switch
                {
                    "quận" when Numbered => r < 0.4 ? $"Q.{n}" : r < 0.7 ? $"Q{n}" : $"Q. {n}",
                    "quận" => r < 0.5 ? $"Q. {n}" : r < 0.8 ? $"Q.{n}" : $"q. {n}",
                    "thị xã" => r < 0.5 ? $"TX. {n}" : r < 0.75 ? $"TX {n}" : $"Tx. {n}",
                    "thành phố" => r < 0.5 ? $"TP. {n}" : r < 0.8 ? $"TP {n}" : $"Tp. {n}",
                    _ => r < 0.55 ? $"H. {n}" : r < 0.85 ? $"H.{n}" : $"h. {n}",
                };
            default:
                // Clerks' own short forms for three long names.
                if (n == "Hồ Chí Minh" && r < 0.4) return rng.NextDouble() switch { < 0.4 => "TP.HCM", < 0.7 => "TP. HCM", _ => "Tp HCM" };
                if (n == "Thừa Thiên Huế" && r < 0.3) return rng.Chance(0.5) ? "TT-Huế" : "TT Huế";
                if (n == "Bà Rịa - Vũng Tàu" && r < 0.3) return rng.Chance(0.6) ? "BR-VT" : "BRVT";
                r = rng.NextDouble();
                return Kind == "thành phố"
                    ? r < 0.45 ? $"TP. {n}" : r < 0.7 ? $"TP {n}" : r < 0.85 ? $"Tp. {n}" : n
                    : r < 0.5 ? $"T. {n}" : r < 0.7 ? $"T.{n}" : n;
        }
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
