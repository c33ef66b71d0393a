using System.Text;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Addresses;

/// <summary>
/// Compares two parsed addresses part by part, across the 2025 change of the administrative map. Symmetric, never
/// throws, allocation-free: a few key comparisons on forms parsed once.
/// </summary>
/// <remarks>
/// <para>A record written before 1 July 2025 and a form written after it name the same place differently, and that
/// is not a difference:</para>
/// <list type="bullet">
/// <item>provinces compare through the map (<see cref="ProvincesAgreeAcrossEras"/>: old Bắc Kạn is in new Thái Nguyên);</item>
/// <item>a district absent on one side is skipped (addresses since 2025 have none);</item>
/// <item>commune names that differ agree when the old commune went to the new one (<see cref="CommunesAgreeAcrossEras"/>),
/// differ when the map says it went elsewhere, and are <see cref="PartAgreement.Unknown"/> when the map cannot tell.</item>
/// </list>
/// <para>A hamlet, street or house number counts only under an agreeing commune (or, with no commune on a side, an
/// agreeing district): "Xóm 4" agrees with half the xóm 4s of the country.</para>
/// </remarks>
public static class AddressComparer
{
    /// <summary>Compares two addresses. Null is read as an empty address.</summary>
    public static AddressComparison Compare(VietnameseAddress? a, VietnameseAddress? b)
    {
        a ??= VietnameseAddress.Empty;
        b ??= VietnameseAddress.Empty;
        var province = CompareProvinces(a, b);
        var (district, commune) = a.CommuneMayBeDistrict && !b.CommuneMayBeDistrict ? CompareLocality(a, b)
            : b.CommuneMayBeDistrict && !a.CommuneMayBeDistrict ? CompareLocality(b, a)
            : (CompareDistricts(a, b), CompareCommunes(a, b));
        var hamlet = CompareHamlets(a, b);
        var house = a.House.IsPresent && b.House.IsPresent ? Same(a.House.Key, b.House.Key) : PartAgreement.Absent;
        return new AddressComparison(LevelOf(province, district, commune, hamlet, house), province, district, commune, hamlet, house);
    }

    /// <summary>
    /// The level of a comparison from its parts, top down: a part that differs stops the descent; a hamlet or house
    /// counts only under an agreeing commune, or an agreeing district where a side has no commune.
    /// </summary>
    internal static AddressMatchLevel LevelOf(PartAgreement province, PartAgreement district, PartAgreement commune, PartAgreement hamlet, PartAgreement house)
    {
        if (province == PartAgreement.Differs) return AddressMatchLevel.Different;
        var level = IsAgreement(province) ? AddressMatchLevel.SameProvince : AddressMatchLevel.Unknown;
        if (district == PartAgreement.Differs) return Stop(level);
        if (IsAgreement(district)) level = AddressMatchLevel.SameDistrict;
        if (commune == PartAgreement.Differs) return Stop(level);
        if (IsAgreement(commune)) level = AddressMatchLevel.SameCommune;
        var anchored = IsAgreement(commune) || (commune == PartAgreement.Absent && IsAgreement(district));
        if (!anchored || !IsAgreement(hamlet)) return level;
        return house == PartAgreement.Agrees ? AddressMatchLevel.SameHouse : AddressMatchLevel.SameHamlet;

        static AddressMatchLevel Stop(AddressMatchLevel reached) => reached == AddressMatchLevel.Unknown ? AddressMatchLevel.Different : reached;
    }

    private static bool IsAgreement(PartAgreement p) => p is PartAgreement.Agrees or PartAgreement.AgreesAcrossEras;

    private static PartAgreement Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal) ? PartAgreement.Agrees : PartAgreement.Differs;

    /// <summary>Provinces agree when they are one, or when one merged into the other's successor on 1 July 2025.</summary>
    public static PartAgreement ProvincesAgreeAcrossEras(Province? a, Province? b)
    {
        if (a is null || b is null) return PartAgreement.Absent;
        if (a == b) return PartAgreement.Agrees;
        return a.Successor == b.Successor ? PartAgreement.AgreesAcrossEras : PartAgreement.Differs;
    }

    private static PartAgreement CompareProvinces(VietnameseAddress a, VietnameseAddress b)
    {
        if (a.Province is not null && b.Province is not null) return ProvincesAgreeAcrossEras(a.Province, b.Province);
        // A province word with a name the map does not know ("Tỉnh Thái Ngyên"): equal spellings agree, nothing more.
        if (a.Province is null && b.Province is null && a.ProvincePart.IsPresent && b.ProvincePart.IsPresent)
        {
            return a.ProvincePart.Key == b.ProvincePart.Key ? PartAgreement.Agrees : PartAgreement.Unknown;
        }

        return PartAgreement.Absent;
    }

    private static PartAgreement CompareDistricts(VietnameseAddress a, VietnameseAddress b) =>
        a.HasDistrict && b.HasDistrict ? Same(a.District.Key, b.District.Key) : PartAgreement.Absent;

    /// <summary>
    /// <paramref name="lone"/>'s commune is a lone name that may be a district ("Hải Châu, Đà Nẵng"): it agrees with the
    /// other side's commune of that name, else with its district of that name, else it is compared as a commune.
    /// </summary>
    private static (PartAgreement District, PartAgreement Commune) CompareLocality(VietnameseAddress lone, VietnameseAddress other)
    {
        if (!other.Commune.IsPresent)
        {
            return other.HasDistrict && lone.Commune.Key == other.District.Key
                ? (PartAgreement.Agrees, PartAgreement.Absent)
                : (PartAgreement.Absent, PartAgreement.Absent);
        }

        if (lone.Commune.Key == other.Commune.Key) return (PartAgreement.Absent, PartAgreement.Agrees);
        if (other.HasDistrict && lone.Commune.Key == other.District.Key) return (PartAgreement.Agrees, PartAgreement.Absent);
        return (PartAgreement.Absent, CommunesAgreeAcrossEras(lone, other));
    }

    private static PartAgreement CompareCommunes(VietnameseAddress a, VietnameseAddress b)
    {
        if (!a.Commune.IsPresent || !b.Commune.IsPresent) return PartAgreement.Absent;
        return a.Commune.Key == b.Commune.Key ? PartAgreement.Agrees : CommunesAgreeAcrossEras(a, b);
    }

    /// <summary>
    /// Two different commune names. They agree when one is a current commune and the other an old commune whose
    /// territory went to it; they differ when every reading the map can check says so — both in the same era, or the
    /// old one went elsewhere; they are unknown when a reading depends on a name the map does not know.
    /// </summary>
    internal static PartAgreement CommunesAgreeAcrossEras(VietnameseAddress a, VietnameseAddress b)
    {
        var first = Reading(a, b);
        var second = Reading(b, a);
        if (first == PartAgreement.Agrees || second == PartAgreement.Agrees) return PartAgreement.AgreesAcrossEras;
        return first == PartAgreement.Unknown || second == PartAgreement.Unknown ? PartAgreement.Unknown : PartAgreement.Differs;
    }

    /// <summary>Reads <paramref name="current"/> as written in the 2025 map and <paramref name="former"/> before it.</summary>
    private static PartAgreement Reading(VietnameseAddress current, VietnameseAddress former)
    {
        // An address with a district was written before 2025.
        if (current.HasDistrict) return PartAgreement.Differs;
        if (current.CurrentCommuneIndices is not { } now)
        {
            // Not a current commune of its province: this reading is out. Without a province, any current name could be.
            return current.Province is null && current.CommuneIsCurrentName ? PartAgreement.Unknown : PartAgreement.Differs;
        }

        if (former.SuccessorIndices is { } went)
        {
            foreach (var n in now)
            {
                if (went.AsSpan().Contains(n)) return PartAgreement.Agrees;
            }

            return PartAgreement.Differs;
        }

        // The other name is no old commune the map knows: a current name too (then they differ), or one it cannot place.
        return former.Province is not null && former.CurrentCommuneIndices is not null ? PartAgreement.Differs : PartAgreement.Unknown;
    }

    private static PartAgreement CompareHamlets(VietnameseAddress a, VietnameseAddress b)
    {
        var hamlet = PartAgreement.Absent;
        if (a.Hamlet.IsPresent && b.Hamlet.IsPresent) hamlet = HamletsAgree(a.Hamlet, b.Hamlet) ? PartAgreement.Agrees : PartAgreement.Differs;
        var street = a.Street.IsPresent && b.Street.IsPresent ? Same(a.Street.Key, b.Street.Key) : PartAgreement.Absent;
        if (hamlet == PartAgreement.Differs || street == PartAgreement.Differs) return PartAgreement.Differs;
        return hamlet == PartAgreement.Agrees || street == PartAgreement.Agrees ? PartAgreement.Agrees : PartAgreement.Absent;
    }

    /// <summary>Hamlets agree by name; a numbered one also by family ("Xóm 4" is "Thôn 4" written another way, not "Tổ 4").</summary>
    private static bool HamletsAgree(AddressPart a, AddressPart b)
    {
        if (a.Key != b.Key) return false;
        if (!PlaceKeys.IsDigits(a.Key)) return true;
        int fa = a.Kind.HamletFamily(), fb = b.Kind.HamletFamily();
        return fa == 0 || fb == 0 || fa == fb;
    }

    /// <summary>
    /// Why two addresses compare as they do, in words: "commune agrees (Tiên Hội); district absent on the form (an
    /// address since 2025 has none); province agrees via the 2025 merger (Bắc Kạn → Thái Nguyên)".
    /// </summary>
    /// <remarks>It quotes the addresses, which are personal data: show it to the reviewer, never log it.</remarks>
    public static string Explain(VietnameseAddress? a, VietnameseAddress? b, string aLabel = "form", string bLabel = "record")
    {
        a ??= VietnameseAddress.Empty;
        b ??= VietnameseAddress.Empty;
        var c = Compare(a, b);
        var parts = new List<string>(5);
        Describe(parts, "house number", c.House, a, b, a.House, b.House, aLabel, bLabel);
        Describe(parts, "street/hamlet", c.Hamlet, a, b, a.Hamlet.IsPresent ? a.Hamlet : a.Street, b.Hamlet.IsPresent ? b.Hamlet : b.Street, aLabel, bLabel);
        Describe(parts, "commune", c.Commune, a, b, a.Commune, b.Commune, aLabel, bLabel);
        if (c.District == PartAgreement.Absent && a.HasDistrict != b.HasDistrict)
        {
            parts.Add($"district absent on the {(a.HasDistrict ? bLabel : aLabel)} (an address since 2025 has none)");
        }
        else
        {
            Describe(parts, "district", c.District, a, b, a.District, b.District, aLabel, bLabel);
        }

        switch (c.Province)
        {
            case PartAgreement.Agrees:
                parts.Add($"province agrees ({a.Province?.Name ?? a.ProvincePart.NameIn(a)})");
                break;
            case PartAgreement.AgreesAcrossEras:
                parts.Add($"province agrees via the 2025 merger ({Former(a.Province!, b.Province!)} → {a.Province!.Successor.Name})");
                break;
            case PartAgreement.Differs:
                parts.Add($"province differs ({a.Province!.Name} / {b.Province!.Name})");
                break;
            default:
                if (a.Province is null != b.Province is null) parts.Add($"province absent on the {(a.Province is null ? aLabel : bLabel)}");
                break;
        }

        var text = new StringBuilder(LevelName(c.Level));
        if (parts.Count > 0) text.Append(": ").AppendJoin("; ", parts);
        return text.ToString();

        static string Former(Province x, Province y) => x.NameIsCurrent ? y.Name : y.NameIsCurrent ? x.Name : $"{x.Name}, {y.Name}";
    }

    private static void Describe(List<string> parts, string what, PartAgreement agreement, VietnameseAddress a, VietnameseAddress b,
        AddressPart pa, AddressPart pb, string aLabel, string bLabel)
    {
        switch (agreement)
        {
            case PartAgreement.Agrees:
                // A lone name that agreed with the other side's district sits in this side's commune slot.
                parts.Add($"{what} agrees ({(pa.IsPresent ? pa.NameIn(a) : pb.NameIn(b))})");
                break;
            case PartAgreement.AgreesAcrossEras:
                parts.Add($"{what} agrees via the 2025 merger ({pa.NameIn(a)} / {pb.NameIn(b)})");
                break;
            case PartAgreement.Differs:
                parts.Add($"{what} differs ({pa.NameIn(a)} / {pb.NameIn(b)})");
                break;
            case PartAgreement.Unknown:
                parts.Add($"{what} cannot be compared across the 2025 change ({pa.NameIn(a)} / {pb.NameIn(b)})");
                break;
            default:
                if (pa.IsPresent != pb.IsPresent) parts.Add($"{what} absent on the {(pa.IsPresent ? bLabel : aLabel)}");
                break;
        }
    }

    private static string LevelName(AddressMatchLevel level) => level switch
    {
        AddressMatchLevel.SameHouse => "same house",
        AddressMatchLevel.SameHamlet => "same street or hamlet",
        AddressMatchLevel.SameCommune => "same commune",
        AddressMatchLevel.SameDistrict => "same district",
        AddressMatchLevel.SameProvince => "same province",
        AddressMatchLevel.Different => "different places",
        _ => "not comparable",
    };
}
