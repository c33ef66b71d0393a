namespace CccdRecon.Core.Identity;

/// <summary>Which kind of identity number a value is.</summary>
public enum IdNumberKind
{
    Unreadable = 0,
    /// <summary>12-digit personal identification number (số định danh cá nhân / CCCD).</summary>
    Personal12 = 1,
    /// <summary>9-digit legacy ID card number (CMND).</summary>
    Legacy9 = 2,
}

/// <summary>A parsed identity number. For 12-digit numbers the structure is decoded.</summary>
/// <param name="Kind">what it is</param>
/// <param name="Digits">digits only, spaces and dots removed</param>
/// <param name="Problem">why it is unreadable or structurally invalid, or null</param>
/// <param name="ProvinceCode">3-digit province code of a 12-digit number (e.g. "001" Hà Nội)</param>
/// <param name="Gender">from the gender/century digit</param>
/// <param name="BirthYear">full birth year from the century digit and two year digits</param>
public sealed record PersonalIdNumber(IdNumberKind Kind, string Digits, string? Problem, string? ProvinceCode, Gender Gender, int? BirthYear)
{
    public bool IsValid => Kind != IdNumberKind.Unreadable && Problem is null;

    /// <summary>Parses a keyed number, accepting spaces and dots. Never throws.</summary>
    public static PersonalIdNumber Parse(string? raw) => throw new NotImplementedException();

    /// <summary>Whether the number's encoded gender and birth year agree with a record's. Null when it cannot tell (legacy or invalid).</summary>
    public bool? IsConsistentWith(Gender gender, int birthYear) => throw new NotImplementedException();
}

/// <summary>How two identity numbers relate.</summary>
public enum IdAgreement
{
    Equal = 0,
    /// <summary>Two adjacent digits swapped.</summary>
    Transposition = 1,
    /// <summary>Exactly one digit differs.</summary>
    OneDigit = 2,
    Different = 3,
}

public static class PersonalIdComparer
{
    public static IdAgreement Compare(string formDigits, string registryDigits) => throw new NotImplementedException();
}
