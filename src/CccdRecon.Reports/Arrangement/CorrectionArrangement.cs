using CccdRecon.Core.Addresses;
using CccdRecon.Core.Names;
using CccdRecon.Reports.Places;

namespace CccdRecon.Reports.Arrangement;

/// <summary>Which part of a list to make: all of it, one unit's, or one commune's.</summary>
public sealed record CorrectionScope
{
    public static CorrectionScope All { get; } = new();

    /// <summary>
    /// An administrative unit code (2, 3 or 5 digits): communes known to lie outside it are left out
    /// (<see cref="CommunePlace.MayLieIn"/>); forms whose commune cannot be told stay, under the batch's unit.
    /// </summary>
    public string? UnitCode { get; init; }

    /// <summary>Only the commune whose name contains this text (case, diacritics and spacing ignored): "an khanh".</summary>
    public string? Commune { get; init; }
}

/// <summary>A form with where it lives and its place in the Vietnamese order.</summary>
public sealed record PlacedCase(CorrectionCase Case, HouseholdPlace Place, string HouseholdKey, string SortKey)
{
    /// <summary>"Số 57, Đường Yên Thế": the household within its commune, hamlet apart; empty when unknown.</summary>
    public string HouseholdLabel => string.Join(", ", new[] { Place.House, Place.Street }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>True when no household can be told (no house number): the form stands alone.</summary>
    public bool Alone => HouseholdKey.StartsWith(AloneMark, StringComparison.Ordinal);

    internal const string AloneMark = "\u0000form:";
}

/// <summary>The forms of one household (hộ gia đình), or one citizen where no household can be told.</summary>
public sealed record Household(string Key, IReadOnlyList<PlacedCase> Members)
{
    public HouseholdPlace Place => Members[0].Place;

    public bool Alone => Members[0].Alone;
}

/// <summary>One commune's forms, households in order, members in order.</summary>
/// <param name="Place">The commune as most of its forms spell it; for forms whose commune cannot be told, the batch's unit.</param>
public sealed record CommuneSection(string Key, string Label, CommunePlace Place, IReadOnlyList<Household> Households)
{
    /// <summary>False for the section of forms whose address names no commune.</summary>
    public bool IsCommune => !Key.StartsWith('\u0000');

    public IEnumerable<PlacedCase> Cases => Households.SelectMany(h => h.Members);
}

/// <summary>
/// Puts a correction list in the order staff work through it: communes (from each form's address, else the batch's
/// unit) in Vietnamese order of their names; within a commune by hamlet, street, house number and then name, all in
/// Vietnamese dictionary order (<see cref="VietnameseCollation"/>); names as Vietnamese lists sort them, by given name,
/// then surname, then middle names. Shared by the workbook and the notices so both list the same people in the same order.
/// </summary>
public sealed class CorrectionArrangement
{
    /// <summary>Label of the sheet and notices of forms whose commune cannot be told and whose batch names no unit.</summary>
    public const string UnknownCommune = "Chưa rõ xã, phường";

    private CorrectionArrangement(IReadOnlyList<CommuneSection> communes) => Communes = communes;

    /// <summary>Every commune with at least one form, in Vietnamese order of their labels.</summary>
    public IReadOnlyList<CommuneSection> Communes { get; }

    /// <summary>Every form in order: commune, hamlet, household, name.</summary>
    public IEnumerable<(CommuneSection Commune, PlacedCase Case)> AllCases => Communes.SelectMany(c => c.Cases.Select(p => (c, p)));

    public static CorrectionArrangement Arrange(CorrectionList list, IHouseholdLocator locator, CorrectionScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(locator);
        scope ??= CorrectionScope.All;
        var fallback = new CommunePlace("\u0000unit", list.Unit?.Label ?? UnknownCommune, null, null);
        var communeFilter = string.IsNullOrWhiteSpace(scope.Commune) ? null : Squeeze(VietnameseText.Fold(scope.Commune));

        var placed = new List<(CommunePlace Commune, PlacedCase Case)>(list.Cases.Count);
        foreach (var c in list.Cases)
        {
            var place = locator.Locate(c.Address);
            var commune = !string.IsNullOrWhiteSpace(c.Commune)
                ? locator.Locate(c.Commune).Commune ?? new CommunePlace("=" + VietnameseText.Fold(c.Commune), VietnameseWordingNfc(c.Commune), null, null)
                : place.Commune ?? fallback;
            if (scope.UnitCode is { } unit && !commune.MayLieIn(unit)) continue;
            if (communeFilter is not null && !Squeeze(VietnameseText.Fold(commune.Label)).Contains(communeFilter, StringComparison.Ordinal)) continue;
            placed.Add((commune, new PlacedCase(c, place, HouseholdKeyOf(commune, place, c), NameSortKey(c.FullName) + "\u0000" + c.FormId)));
        }

        var communes = placed
            .GroupBy(p => p.Commune.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                // The batch's own choice where the caller knows it (the console's, from every case of the batch, as the
                // dashboard chooses), else the best of the listed forms' spellings.
                var label = list.CommuneLabels?.GetValueOrDefault(g.Key) is { Length: > 0 } known ? known
                    : AddressCommune.BestLabel(g.Select(p => (p.Commune.Label, 1L)));
                var best = g.Select(p => p.Commune).FirstOrDefault(c => c.Label == label) ?? BestSpelling(g.Select(p => p.Commune));
                return new CommuneSection(g.Key, label, best, Households(g.Select(p => p.Case)));
            })
            .OrderBy(c => c.IsCommune ? 0 : 1) // forms with no commune last
            .ThenBy(c => VietnameseCollation.SortKey(c.Label), StringComparer.Ordinal)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return new CorrectionArrangement(communes);
    }

    private static string VietnameseWordingNfc(string text) => Wording.VietnameseWording.Nfc(text.Trim());

    // Households first, forms that stand alone after them.
    private static IReadOnlyList<Household> Households(IEnumerable<PlacedCase> cases) => cases
        .OrderBy(c => c.Alone ? 1 : 0)
        .ThenBy(c => c.HouseholdKey, StringComparer.Ordinal)
        .ThenBy(c => c.SortKey, StringComparer.Ordinal)
        .GroupBy(c => c.HouseholdKey, StringComparer.Ordinal)
        .Select(g => new Household(g.Key, g.ToList()))
        .ToList();

    /// <summary>
    /// Hamlet, street, house: each part's collation key, so the order of the keys is the order on paper and equal keys
    /// are one household. Without a house number no household can be told (a hamlet or a street is many households):
    /// the form stands alone, keyed by hamlet and street first so it still sorts with its neighbours, then by name.
    /// </summary>
    private static string HouseholdKeyOf(CommunePlace commune, HouseholdPlace place, CorrectionCase c)
    {
        if (place.House is null)
            return PlacedCase.AloneMark + string.Join('\u0000', Key(place.Hamlet), Key(place.Street), NameSortKey(c.FullName), c.FormId);
        return string.Join('\u0000', commune.Key, Key(place.Hamlet), Key(place.Street), Key(place.House));
    }

    private static string Key(string? part) => VietnameseCollation.SortKey(part);

    /// <summary>Given name, then surname, then middle names (the order of Vietnamese lists); unreadable names as written.</summary>
    public static string NameSortKey(string? fullName) => NameOrder.SortKey(fullName);

    /// <summary>The spelling most forms use, preferring one with diacritics ("Phường An Khánh" over "phuong An Khanh").</summary>
    private static CommunePlace BestSpelling(IEnumerable<CommunePlace> spellings)
    {
        var all = spellings.ToList();
        var label = AddressCommune.BestLabel(all.Select(c => (c.Label, 1L)));
        return all.First(c => c.Label == label);
    }

    private static string Squeeze(string folded) => string.Concat(folded.Where(char.IsLetterOrDigit));
}
