namespace CccdRecon.Core.Dates;

/// <summary>How a form's date relates to a registry's date, from most to least alike.</summary>
public enum DateAgreement
{
    /// <summary>Same date at the same precision.</summary>
    Equal = 0,
    /// <summary>The form is less precise but consistent (form 1950 or 03/1950, registry 1950-03-12). Not flagged.</summary>
    LessPreciseConsistent = 1,
    /// <summary>The form is more precise than a partial registry date and consistent with it. Flagged registry_partial.</summary>
    RegistryPartial = 2,
    /// <summary>The form's day and month are the registry's month and day.</summary>
    DayMonthSwapped = 3,
    /// <summary>The form, read as a Vietnamese lunar date, is the registry's solar date.</summary>
    LunarDate = 4,
    /// <summary>Exactly one digit differs in the dd/mm/yyyy rendering.</summary>
    OneDigitOff = 5,
    /// <summary>Same day and month, year one off.</summary>
    YearOffByOne = 6,
    /// <summary>A different date.</summary>
    Different = 7,
}

/// <summary>Compares dates of birth and names how they differ.</summary>
public static class BirthDateComparer
{
    /// <summary>Compares a form date with a registry date.</summary>
    public static DateAgreement Compare(BirthDate form, BirthDate registry) => throw new NotImplementedException();
}
