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
    public static Gender? Parse(string? raw) => throw new NotImplementedException();

    /// <summary>"male" / "female", as in the interchange files.</summary>
    public static string ToInterchange(Gender gender) => gender switch
    {
        Gender.Male => "male",
        Gender.Female => "female",
        _ => "",
    };
}
