using CccdRecon.Core.Places;

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
    public const int PersonalLength = 12;
    public const int LegacyLength = 9;

    // Longer input cannot be an ID number, even with separators; stops pathological input early.
    private const int MaxInputLength = 64;

    public bool IsValid => Kind != IdNumberKind.Unreadable && Problem is null;

    /// <summary>Parses a keyed number, accepting spaces and dots. Never throws.</summary>
    /// <remarks>Problems never quote the number: they end up in reports and logs.</remarks>
    public static PersonalIdNumber Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Unreadable("", "the ID number is empty");
        }

        if (raw.Length > MaxInputLength)
        {
            return Unreadable("", "the ID number is too long");
        }

        Span<char> digits = stackalloc char[MaxInputLength];
        var count = 0;
        foreach (var c in raw)
        {
            if (c is >= '0' and <= '9')
            {
                digits[count++] = c;
            }
            else if (char.IsControl(c))
            {
                return Unreadable("", "the ID number contains a control character");
            }
            else if (c is not (' ' or '.' or '\u00A0'))
            {
                return Unreadable("", "the ID number contains a character other than digits, spaces and dots");
            }
        }

        // A number keyed as bare digits (every registry's) is its own digits: kept, not copied (a million IDs held in memory).
        var text = count == raw.Length ? raw : new string(digits[..count]);
        return count switch
        {
            PersonalLength => Decode(text),
            LegacyLength => new PersonalIdNumber(IdNumberKind.Legacy9, text, null, null, Gender.Unknown, null),
            _ => Unreadable(text, $"the ID number has {count} digits; a personal ID number has 12 and a legacy ID card number 9"),
        };
    }

    /// <summary>Whether the number's encoded gender and birth year agree with a record's. Null when it cannot tell (legacy or invalid).</summary>
    /// <param name="gender">the record's gender; <see cref="Gender.Unknown"/> checks the year only</param>
    /// <param name="birthYear">the record's birth year</param>
    public bool? IsConsistentWith(Gender gender, int birthYear)
    {
        if (Kind != IdNumberKind.Personal12 || Problem is not null)
        {
            return null;
        }

        return (gender == Gender.Unknown || gender == Gender) && BirthYear == birthYear;
    }

    private static PersonalIdNumber Unreadable(string digits, string problem) =>
        new(IdNumberKind.Unreadable, digits, problem, null, Gender.Unknown, null);

    /// <summary>Digits 1-3 province, digit 4 gender and century, digits 5-6 the year within the century.</summary>
    private static PersonalIdNumber Decode(string digits)
    {
        var province = Province.FromCode(digits[..3]);
        var genderCentury = digits[3] - '0';

        // Even digits are men, odd digits women; each pair is one century, 0/1 = the 1900s, 8/9 = the 1800s.
        var century = genderCentury >= 8 ? 1800 : 1900 + (genderCentury / 2 * 100);
        var birthYear = century + ((digits[4] - '0') * 10) + (digits[5] - '0');
        var gender = genderCentury % 2 == 0 ? Gender.Male : Gender.Female;
        var problem = province is null ? "the first three digits are not the code of a province" : null;
        return new PersonalIdNumber(IdNumberKind.Personal12, digits, problem, province?.Code, gender, birthYear);
    }
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
    /// <summary>Compares two numbers digit by digit; separators are ignored, numbers of different lengths are <see cref="IdAgreement.Different"/>.</summary>
    public static IdAgreement Compare(string formDigits, string registryDigits) => CompareDigits(DigitsOf(formDigits), DigitsOf(registryDigits));

    /// <summary><see cref="Compare"/> of two numbers that are digits only (as profiles keep them).</summary>
    internal static IdAgreement CompareDigits(ReadOnlySpan<char> form, ReadOnlySpan<char> registry)
    {
        if (form.Length == 0 || form.Length != registry.Length)
        {
            return IdAgreement.Different;
        }

        var first = -1;
        var differences = 0;
        for (var i = 0; i < form.Length; i++)
        {
            if (form[i] != registry[i])
            {
                if (++differences > 2)
                {
                    return IdAgreement.Different;
                }

                first = first < 0 ? i : first;
            }
        }

        return differences switch
        {
            0 => IdAgreement.Equal,
            1 => IdAgreement.OneDigit,
            _ when first + 1 < form.Length && form[first] == registry[first + 1] && form[first + 1] == registry[first] => IdAgreement.Transposition,
            _ => IdAgreement.Different,
        };
    }

    /// <summary>
    /// Up to 16 decimal digits packed four bits each, the first digit highest: two such numbers of one length compare
    /// digit by digit in a few word operations (<see cref="ComparePacked"/>). False for anything but digits.
    /// </summary>
    internal static bool TryPack(ReadOnlySpan<char> digits, out ulong packed)
    {
        packed = 0;
        if (digits.Length is 0 or > 16) return false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            packed = packed << 4 | (uint)(c - '0');
        }
        return true;
    }

    /// <summary>The digits of a number packed by <see cref="TryPack"/>, as many as <paramref name="into"/> holds.</summary>
    internal static ReadOnlySpan<char> Unpack(ulong packed, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--, packed >>= 4) into[i] = (char)('0' + (packed & 15));
        return into;
    }

    /// <summary><see cref="CompareDigits"/> of two numbers of the same length packed by <see cref="TryPack"/>.</summary>
    internal static IdAgreement ComparePacked(ulong form, ulong registry)
    {
        var diff = form ^ registry;
        if (diff == 0) return IdAgreement.Equal;
        // One bit per digit that differs, at the digit's lowest bit.
        var differing = (diff | diff >> 1 | diff >> 2 | diff >> 3) & 0x1111_1111_1111_1111UL;
        var count = System.Numerics.BitOperations.PopCount(differing);
        if (count == 1) return IdAgreement.OneDigit;
        if (count > 2) return IdAgreement.Different;
        // Two digits differ: a transposition when they are neighbours and each holds the other's digit.
        int low = System.Numerics.BitOperations.TrailingZeroCount(differing), high = 63 - System.Numerics.BitOperations.LeadingZeroCount(differing);
        if (high - low != 4) return IdAgreement.Different;
        return (form >> high & 15) == (registry >> low & 15) && (form >> low & 15) == (registry >> high & 15)
            ? IdAgreement.Transposition
            : IdAgreement.Different;
    }

    private static string DigitsOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Called for every candidate pair: numbers from profiles are digits already, so check without LINQ first.
        return !text.AsSpan().ContainsAnyExceptInRange('0', '9') ? text : string.Concat(text.Where(char.IsAsciiDigit));
    }
}
