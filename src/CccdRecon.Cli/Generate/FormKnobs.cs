namespace CccdRecon.Cli.Generate;

/// <summary>
/// The form-side knobs of the generator, each with its own random stream so that switching one on changes what it
/// is about and (as far as the truth allows) nothing else.
/// </summary>
/// <param name="Residences">structured addresses; null keeps the original one-line address</param>
/// <param name="FormAddressStyle">how forms write the address</param>
/// <param name="Post2025Share">share of forms whose address is on the 2025 map (34 provinces, no districts)</param>
/// <param name="TypoRng">the typo stream; null when typos are off</param>
/// <param name="NameTypoRate">share of registered people's forms given a keying slip in the name</param>
internal sealed record FormKnobs(Residences? Residences, AddressStyle FormAddressStyle, double Post2025Share, Rng? TypoRng, double NameTypoRate)
{
    public static readonly FormKnobs None = new(null, AddressStyle.Legacy, 0, null, 0);
}

/// <summary>The damage tags the knobs write in truth.csv, for <c>evaluate</c>'s breakdown.</summary>
internal static class DamageTags
{
    public const string NameTypo = "name_typo";
    public const string NameTypoGiven = "name_typo_given";
    public const string NameTypoSurname = "name_typo_surname";
    /// <summary>The slip sits inside a name written in TCVN3 or VNI.</summary>
    public const string NameTypoLegacy = "name_typo_legacy";
    public const string AbsentNamesakeYear = "absent_namesake_year";
    public const string AbsentSameDay = "absent_sameday";
    public const string AbsentSameCommune = "absent_samecommune";
    public const string AddressPost2025 = "address_post2025";
    public const string AddressCommuneRenamed = "address_commune_renamed";

    public static string AddressStyle(AddressStyle style) => "address_" + style.ToString().ToLowerInvariant();
}
