namespace CccdRecon.Core.Names;

/// <summary>Legacy 8-bit Vietnamese encodings that keyed-in text may still be in (bảng mã cũ).</summary>
public enum LegacyEncoding
{
    None = 0,
    /// <summary>TCVN3 / ABC (TCVN 5712:1993), read as Windows-1252.</summary>
    Tcvn3 = 1,
    /// <summary>VNI Windows, read as Windows-1252.</summary>
    Vni = 2,
}

/// <summary>
/// A person's full name (họ và tên) parsed into surname (họ), middle names (tên đệm) and given name (tên),
/// with the canonical forms a matcher compares. <see cref="Parse"/> never throws.
/// </summary>
public sealed class PersonName
{
    private PersonName() { }

    /// <summary>The text exactly as keyed.</summary>
    public string Raw { get; private init; } = "";

    /// <summary>False when the input could not be read as a name; <see cref="Problem"/> says why.</summary>
    public bool IsReadable { get; private init; }

    /// <summary>Why the name is unreadable (empty, control characters, too long, no letters…); null when readable.</summary>
    public string? Problem { get; private init; }

    /// <summary>Canonical syllables, lower case, NFC, canonical tone placement: ["nguyễn","văn","hòa"].</summary>
    public IReadOnlyList<string> Syllables { get; private init; } = [];

    /// <summary>Syllables with all diacritics folded and đ→d: ["nguyen","van","hoa"].</summary>
    public IReadOnlyList<string> FoldedSyllables { get; private init; } = [];

    /// <summary>Canonical form joined by single spaces, lower case: "nguyễn văn hòa".</summary>
    public string Key { get; private init; } = "";

    /// <summary>Folded form joined by single spaces: "nguyen van hoa".</summary>
    public string FoldedKey { get; private init; } = "";

    /// <summary>
    /// Display form in title case: "Nguyễn Văn Hòa". Made from <see cref="Key"/> when asked for, not kept: a province's
    /// registry holds a million names, and only the few written into a discrepancy or an explanation are displayed.
    /// </summary>
    public string Display => VietnameseText.ToTitleCase(Key);

    /// <summary>Surname (họ): the first syllable, canonical.</summary>
    public string Surname => Syllables.Count > 0 ? Syllables[0] : "";

    /// <summary>Given name (tên): the last syllable, canonical.</summary>
    public string GivenName => Syllables.Count > 1 ? Syllables[^1] : "";

    /// <summary>Middle names (tên đệm): everything between surname and given name.</summary>
    public IReadOnlyList<string> MiddleNames => Syllables.Count > 2 ? Syllables.Skip(1).Take(Syllables.Count - 2).ToArray() : [];

    /// <summary>
    /// True when a vowel carries a Vietnamese mark (tone or quality). A name keyed with none at all
    /// ("NGUYEN VAN HOA", "NGUYEN VAN ĐAT": đ alone is a consonant kept by keyboards that type no marks) is compared on
    /// its folded form; one that has them is compared exactly.
    /// </summary>
    public bool HasDiacritics { get; private init; }

    /// <summary>The legacy encoding the raw text was decoded from, if any.</summary>
    public LegacyEncoding DecodedFrom { get; private init; }

    /// <summary>
    /// Human-readable cosmetic normalizations applied, e.g. "decoded from TCVN3", "Unicode NFD to NFC",
    /// "tone-mark placement", "letter case", "spacing". Empty when the raw text was already canonical.
    /// </summary>
    public IReadOnlyList<string> Normalizations { get; private init; } = [];

    /// <summary>
    /// Another reading of the same keyed text, when it is valid Unicode Vietnamese and valid TCVN3 or VNI too with no
    /// clue to choose ("Hoà Bình Minh": Hòa, or VNI for Hồ). Comparisons try both and keep the closer; null otherwise.
    /// </summary>
    public PersonName? Alternative { get; internal set; }

    /// <summary>The longest readable name, in characters after trimming; anything longer is not a name.</summary>
    public const int MaxLength = 200;

    /// <summary>Parses a raw full name. Never throws: unreadable input gives <see cref="IsReadable"/> false.</summary>
    public static PersonName Parse(string? raw) => PersonNameParser.Parse(raw);

    /// <summary>
    /// Parses an authoritative registry name: as <see cref="Parse"/>, without another reading (the registry is what
    /// forms are compared with, and a province's million names need no second parse).
    /// </summary>
    internal static PersonName ParseRecord(string? raw) => PersonNameParser.Parse(raw, foldedOnly: false, alternatives: false);

    internal static PersonName Unreadable(string raw, string problem) => new() { Raw = raw, Problem = problem };

    /// <summary>Only the folded key of a readable name (see <see cref="PersonNameParser.FoldedKey"/>); never handed out.</summary>
    internal static PersonName FoldedOnly(string raw, string foldedKey) => new() { Raw = raw, IsReadable = true, FoldedKey = foldedKey };

    internal static PersonName Create(
        string raw, string[] syllables, string[] folded, string key, string foldedKey,
        bool hasDiacritics, LegacyEncoding decodedFrom, IReadOnlyList<string> normalizations) => new()
        {
            Raw = raw,
            IsReadable = true,
            Syllables = syllables,
            FoldedSyllables = folded,
            Key = key,
            FoldedKey = foldedKey,
            HasDiacritics = hasDiacritics,
            DecodedFrom = decodedFrom,
            Normalizations = normalizations,
        };

    public override string ToString() => Display;
}
