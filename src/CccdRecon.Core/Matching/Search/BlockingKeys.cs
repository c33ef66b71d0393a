using CccdRecon.Core.Dates;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>The kinds of blocking key: each is chosen so that one damaged field never hides the right record.</summary>
internal enum BlockingKeyKind : byte
{
    /// <summary>12-digit personal ID.</summary>
    PersonalId = 1,
    /// <summary>9-digit legacy ID.</summary>
    LegacyId = 2,
    /// <summary>Surname (regional pairs merged) + given name + birth year: survives a dropped middle name, a damaged day.</summary>
    SurnameGivenYear = 3,
    /// <summary>Given name + full date: survives a damaged or regional surname.</summary>
    GivenDate = 4,
    /// <summary>Surname + full date: survives a misspelt given name.</summary>
    SurnameDate = 5,
    /// <summary>All syllables sorted + year: survives any reordering of the name.</summary>
    SortedNameYear = 6,
    /// <summary>Surname + given name + day and month: survives a damaged year.</summary>
    SurnameGivenDayMonth = 7,
    /// <summary>First letters of surname and given name + year + month: survives spelling in both name parts.</summary>
    NamePrefixYearMonth = 8,
    /// <summary>All syllables sorted, no date: for forms whose date is missing or unreadable (skipped where common).</summary>
    SortedName = 9,
    /// <summary>Given name + birth year: survives a misspelt surname when the day is damaged too.</summary>
    GivenYear = 10,
    /// <summary>House number + a street word of the address: survives a damaged name and date together.</summary>
    Address = 11,
    /// <summary>The full date alone (about 45 people a day in a province): survives a name damaged beyond the name keys.</summary>
    FullDate = 12,
    /// <summary>Surname + given name + full date: the most specific name key, a block of one or two people at any scale.</summary>
    SurnameGivenDate = 13,
}

/// <summary>
/// The order in which a form's keys are probed. Each stage stops the search when it already gives a decision no
/// later stage could change, so the usual form costs a block of one or two records whatever the registry's size.
/// </summary>
internal enum ProbeStage
{
    /// <summary>Personal and legacy ID numbers.</summary>
    Identity,
    /// <summary>Name with the full date: blocks that stay tiny at any registry size.</summary>
    Specific,
    /// <summary>Surname + given name + year and surname + date: grow with the registry, probed when needed.</summary>
    Broad,
    /// <summary>Everything else: damaged years, swapped days, lunar dates, reordered names, addresses.</summary>
    Secondary,
}

/// <summary>A blocking key: its kind (for explanations) and its 64-bit hash (what the index stores).</summary>
internal readonly record struct BlockingKey(BlockingKeyKind Kind, ulong Hash);

/// <summary>Computes the blocking keys of a profile (record side) and the keys to probe for a form (query side).</summary>
internal static class BlockingKeys
{
    /// <summary>Keys a registry record is filed under.</summary>
    public static void ForRecord(PersonProfile p, List<BlockingKey> keys)
    {
        keys.Clear();
        if (p.Id12 is not null) keys.Add(Make(BlockingKeyKind.PersonalId, p.Id12));
        if (p.Id9 is not null) keys.Add(Make(BlockingKeyKind.LegacyId, p.Id9));
        AddressKeys(p.Address, keys);
        if (!p.Name.IsReadable || p.Name.FoldedSyllables.Count == 0) return;
        keys.Add(Make(BlockingKeyKind.SortedName, SortedSyllables(p.Name)));
        AddNameDateKeys(p.Name, p.Date, keys);
    }

    /// <summary>The keys a form probes at one stage (for both readings of a name that has two).</summary>
    public static void ForStage(PersonProfile form, ProbeStage stage, List<BlockingKey> keys)
    {
        keys.Clear();
        if (stage == ProbeStage.Identity)
        {
            if (form.Id12 is not null) keys.Add(Make(BlockingKeyKind.PersonalId, form.Id12));
            if (form.Id9 is not null) keys.Add(Make(BlockingKeyKind.LegacyId, form.Id9));
            return;
        }
        if (stage == ProbeStage.Secondary) AddressKeys(form.Address, keys);
        AddNameKeys(form, form.Name, stage, keys);
        if (form.Name.Alternative is { } alternative) AddNameKeys(form, alternative, stage, keys);
    }

    private static void AddNameKeys(PersonProfile form, PersonName name, ProbeStage stage, List<BlockingKey> keys)
    {
        if (stage == ProbeStage.Secondary)
        {
            Secondary(form, name, keys);
            return;
        }
        if (!name.IsReadable || name.FoldedSyllables.Count == 0 || form.Date is not { } d) return;
        var (surname, given) = Parts(name);
        var full = d.Precision == DatePrecision.Day;
        if (stage == ProbeStage.Specific)
        {
            if (!full) return;
            keys.Add(Make(BlockingKeyKind.SurnameGivenDate, surname, given, d.Year, d.Month!.Value, d.Day!.Value));
            keys.Add(Make(BlockingKeyKind.GivenDate, given, d.Year, d.Month!.Value, d.Day!.Value));
            return;
        }
        keys.Add(Make(BlockingKeyKind.SurnameGivenYear, surname, given, d.Year));
        if (full) keys.Add(Make(BlockingKeyKind.SurnameDate, surname, d.Year, d.Month!.Value, d.Day!.Value));
    }

    /// <summary>Wider keys probed when the primary ones found no convincing candidate.</summary>
    private static void Secondary(PersonProfile form, PersonName name, List<BlockingKey> keys)
    {
        if (!name.IsReadable || name.FoldedSyllables.Count == 0) return;
        var (surname, given) = Parts(name);
        var sorted = SortedSyllables(name);
        keys.Add(Make(BlockingKeyKind.SortedName, sorted));
        if (form.DateParse.TwoDigitYear && form.Date is { } two)
        {
            // The other century of a two-digit year (a child's form read as 19xx).
            foreach (var year in (ReadOnlySpan<int>)[two.Year + 100, two.Year - 100])
            {
                keys.Add(Make(BlockingKeyKind.SurnameGivenYear, surname, given, year));
                if (two.Precision == DatePrecision.Day)
                    keys.Add(Make(BlockingKeyKind.GivenDate, given, year, two.Month!.Value, two.Day!.Value));
            }
        }
        if (form.Date is { } d)
        {
            keys.Add(Make(BlockingKeyKind.GivenYear, given, d.Year));
            // A year off by one, or a lunar date that falls in the previous solar year.
            keys.Add(Make(BlockingKeyKind.SurnameGivenYear, surname, given, d.Year - 1));
            keys.Add(Make(BlockingKeyKind.SurnameGivenYear, surname, given, d.Year + 1));
            // Given name keyed first, or middle and given swapped.
            keys.Add(Make(BlockingKeyKind.SortedNameYear, sorted, d.Year));
            keys.Add(Make(BlockingKeyKind.SortedNameYear, sorted, d.Year - 1));
            keys.Add(Make(BlockingKeyKind.SortedNameYear, sorted, d.Year + 1));
            if (name.FoldedSyllables.Count >= 2)
            {
                // Given name keyed first: try it as the surname.
                var first = name.FoldedSyllables[0];
                var last = name.FoldedSyllables[^1];
                keys.Add(Make(BlockingKeyKind.SurnameGivenYear, SurnameKey(last), first, d.Year));
                if (name.FoldedSyllables.Count >= 3)
                    keys.Add(Make(BlockingKeyKind.SurnameGivenYear, SurnameKey(name.FoldedSyllables[1]), first, d.Year));
            }
            if (d.Precision == DatePrecision.Day)
            {
                int day = d.Day!.Value, month = d.Month!.Value;
                keys.Add(Make(BlockingKeyKind.FullDate, "", d.Year, month, day));
                keys.Add(Make(BlockingKeyKind.SurnameGivenDayMonth, surname, given, month, day));
                keys.Add(Make(BlockingKeyKind.NamePrefixYearMonth, Prefix(surname), Prefix(given), d.Year, month));
                if (day <= 12 && day != month)
                {
                    keys.Add(Make(BlockingKeyKind.GivenDate, given, d.Year, day, month));
                    keys.Add(Make(BlockingKeyKind.SurnameDate, surname, d.Year, day, month));
                }
                // The form date may be the lunar date of the registry's solar date.
                foreach (var leap in (ReadOnlySpan<bool>)[false, true])
                {
                    if (VietnameseLunarCalendar.TryToSolar(new LunarDate(day, month, d.Year, leap), out var solar))
                    {
                        keys.Add(Make(BlockingKeyKind.GivenDate, given, solar.Year, solar.Month, solar.Day));
                        keys.Add(Make(BlockingKeyKind.SurnameDate, surname, solar.Year, solar.Month, solar.Day));
                    }
                }
            }
        }
    }

    private static void AddNameDateKeys(PersonName name, BirthDate? date, List<BlockingKey> keys)
    {
        var (surname, given) = Parts(name);
        if (date is not { } d) return;
        keys.Add(Make(BlockingKeyKind.SurnameGivenYear, surname, given, d.Year));
        keys.Add(Make(BlockingKeyKind.SortedNameYear, SortedSyllables(name), d.Year));
        keys.Add(Make(BlockingKeyKind.GivenYear, given, d.Year));
        if (d.Precision == DatePrecision.Day)
        {
            int day = d.Day!.Value, month = d.Month!.Value;
            keys.Add(Make(BlockingKeyKind.GivenDate, given, d.Year, month, day));
            keys.Add(Make(BlockingKeyKind.SurnameDate, surname, d.Year, month, day));
            keys.Add(Make(BlockingKeyKind.FullDate, "", d.Year, month, day));
            keys.Add(Make(BlockingKeyKind.SurnameGivenDate, surname, given, d.Year, month, day));
            keys.Add(Make(BlockingKeyKind.SurnameGivenDayMonth, surname, given, month, day));
            keys.Add(Make(BlockingKeyKind.NamePrefixYearMonth, Prefix(surname), Prefix(given), d.Year, month));
        }
    }

    /// <summary>House number with each of the first two street words ("12 nguyen", "12 trai").</summary>
    private static void AddressKeys(string? folded, List<BlockingKey> keys)
    {
        if (folded is null) return;
        string? number = null;
        var words = 0;
        foreach (var range in folded.AsSpan().Split(' '))
        {
            var token = folded.AsSpan()[range].Trim(",.;/");
            if (token.IsEmpty) continue;
            if (number is null)
            {
                if (!char.IsAsciiDigit(token[0])) return;
                number = token.ToString();
                continue;
            }
            if (!char.IsAsciiLetter(token[0]) || token.Length < 3) continue;
            keys.Add(Make(BlockingKeyKind.Address, number, token.ToString(), 0));
            if (++words == 2) return;
        }
    }

    private static (string Surname, string Given) Parts(PersonName name)
    {
        var s = name.FoldedSyllables;
        return (SurnameKey(s[0]), s.Count > 1 ? s[^1] : "");
    }

    /// <summary>Regional surname pairs (Hoàng/Huỳnh, Vũ/Võ) share one key, so a variant still reaches its record.</summary>
    internal static string SurnameKey(string foldedSurname) => RegionalSurnames.Canonical(foldedSurname);

    private static string Prefix(string folded) => folded.Length <= 2 ? folded : folded[..2];

    private static string SortedSyllables(PersonName name)
    {
        var s = name.FoldedSyllables;
        if (s.Count == 1) return s[0];
        var copy = s.ToArray();
        Array.Sort(copy, StringComparer.Ordinal);
        return string.Join(' ', copy);
    }

    private static BlockingKey Make(BlockingKeyKind kind, string a) => new(kind, Hash.Of((byte)kind).Add(a).Value);
    private static BlockingKey Make(BlockingKeyKind kind, string a, int y) => new(kind, Hash.Of((byte)kind).Add(a).Add(y).Value);
    private static BlockingKey Make(BlockingKeyKind kind, string a, string b, int y) => new(kind, Hash.Of((byte)kind).Add(a).Add(b).Add(y).Value);
    private static BlockingKey Make(BlockingKeyKind kind, string a, int y, int m, int d) => new(kind, Hash.Of((byte)kind).Add(a).Add(y).Add(m).Add(d).Value);
    private static BlockingKey Make(BlockingKeyKind kind, string a, string b, int y, int m, int d) => new(kind, Hash.Of((byte)kind).Add(a).Add(b).Add(y).Add(m).Add(d).Value);
    private static BlockingKey Make(BlockingKeyKind kind, string a, string b, int x, int y) => new(kind, Hash.Of((byte)kind).Add(a).Add(b).Add(x).Add(y).Value);

    /// <summary>FNV-1a over the key's parts; a collision only adds a candidate, never hides one.</summary>
    private readonly struct Hash(ulong value)
    {
        public ulong Value => value;
        public static Hash Of(byte tag) => new((14695981039346656037UL ^ tag) * 1099511628211UL);
        public Hash Add(string s)
        {
            var h = value;
            foreach (var c in s) h = (h ^ c) * 1099511628211UL;
            return new((h ^ 0x1F) * 1099511628211UL);
        }
        public Hash Add(int n) => new((value ^ (uint)n) * 1099511628211UL ^ 0x2F);
    }
}

/// <summary>Folded regional surname pairs mapped to one representative for blocking.</summary>
internal static class RegionalSurnames
{
    private static readonly Dictionary<string, string> Representative = Build();

    public static string Canonical(string folded) => Representative.TryGetValue(folded, out var r) ? r : folded;

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var surname in (string[])["hoàng", "huỳnh", "vũ", "võ", "đỗ", "đào", "dương", "lâm", "trần", "châu", "chu"])
        {
            var counterpart = NameKnowledge.RegionalCounterpart(surname);
            if (counterpart is null) continue;
            var a = VietnameseText.Fold(surname);
            var b = VietnameseText.Fold(counterpart);
            var rep = string.CompareOrdinal(a, b) <= 0 ? a : b;
            map[a] = rep;
            map[b] = rep;
        }
        return map;
    }
}
