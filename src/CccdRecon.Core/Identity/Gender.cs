using CccdRecon.Core.Names;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Identity;

/// <summary>Gender (giới tính) as the registry records it.</summary>
public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}

public static class GenderParser
{
    /// <summary>Reads Nam/Nữ (also "Nu", NFD), male/female, M/F in any case; null when unreadable.</summary>
    public static Gender? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 32)
        {
            return null;
        }

        // Folding makes "Nữ", NFD "Nữ", "NỮ" and the unaccented "Nu" one key.
        return VietnameseText.Fold(raw.Trim()) switch
        {
            "nam" or "male" or "m" => Gender.Male,
            "nu" or "female" or "f" => Gender.Female,
            _ => null,
        };
    }

    /// <summary>"male" / "female", as in the interchange files.</summary>
    public static string ToInterchange(Gender gender) => gender switch
    {
        Gender.Male => "male",
        Gender.Female => "female",
        _ => "",
    };
}
