using System.Runtime.CompilerServices;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>The fields the model weighs, in model order.</summary>
internal enum MatchField
{
    FullName = 0,
    DateOfBirth = 1,
    Gender = 2,
    PersonalId = 3,
    FatherName = 4,
    MotherName = 5,
    BirthPlace = 6,
    Address = 7,
}

/// <summary>One comparison level per field; -1 where either side lacks the value (no evidence either way).</summary>
[InlineArray(FieldCatalog.Count)]
internal struct LevelVector
{
    private sbyte _level;
}

/// <summary>A form compared with one registry record: the level reached per field and the evidence behind it.</summary>
internal struct PairComparison
{
    public LevelVector Levels;
    public NameComparison Name;
    /// <summary>Share of registry records with the record's folded name (term frequency), looked up once per pair.</summary>
    public double NameFrequency;
    public DateAgreement? Date;
    /// <summary>The form's date as compared: its other century when a two-digit year matched that way.</summary>
    public BirthDate? FormDate;
    public IdAgreement? Id;
    public bool? IdConsistent;
    public NameComparison? Father;
    public NameComparison? Mother;
    public int AddressScore;
    /// <summary>True when both sides had an address but the decision was certain without it.</summary>
    public bool AddressSkipped;
}

/// <summary>Comparison levels of each field, with starting m and u before the data re-estimates them.</summary>
internal static class FieldCatalog
{
    public const int Count = 8;

    public static readonly FieldSpec[] Fields =
    [
        new(MatchField.FullName, FlaggableField.FullName,
            ["agree", "regional_variant", "middle_name", "name_order", "spelling", "similar_high", "similar", "different"],
            [0.80, 0.03, 0.05, 0.01, 0.06, 0.02, 0.02, 0.01],
            [2e-5, 2e-6, 2e-5, 1e-7, 1e-4, 2e-4, 0.01, 0.98968]),
        new(MatchField.DateOfBirth, FlaggableField.DateOfBirth,
            ["equal", "consistent_partial", "day_month_swapped", "lunar_date", "year_off_by_one", "one_digit_off", "different"],
            [0.82, 0.06, 0.02, 0.02, 0.02, 0.03, 0.03],
            [3.5e-5, 0.012, 3e-5, 3e-5, 7e-5, 6e-4, 0.98726]),
        new(MatchField.Gender, FlaggableField.Gender,
            ["agree", "disagree"],
            [0.98, 0.02],
            [0.5, 0.5]),
        new(MatchField.PersonalId, FlaggableField.PersonalId,
            ["equal", "transposition", "one_digit", "consistent", "different", "inconsistent"],
            [0.86, 0.02, 0.04, 0.05, 0.02, 0.01],
            [1e-8, 1e-8, 1e-7, 0.03, 0.92, 0.05]),
        new(MatchField.FatherName, FlaggableField.FatherName,
            ["agree", "similar", "different"],
            [0.88, 0.08, 0.04],
            [2e-4, 3e-3, 0.9968]),
        new(MatchField.MotherName, FlaggableField.MotherName,
            ["agree", "similar", "different"],
            [0.88, 0.08, 0.04],
            [2e-4, 3e-3, 0.9968]),
        new(MatchField.BirthPlace, "birth_place",
            ["agree", "different"],
            [0.95, 0.05],
            [0.04, 0.96]),
        new(MatchField.Address, "permanent_address",
            ["close", "partial", "different"],
            [0.70, 0.15, 0.15],
            [0.002, 0.03, 0.968]),
    ];
}

/// <summary>A field's levels and starting parameters.</summary>
internal sealed record FieldSpec(MatchField Field, string Name, string[] Levels, double[] InitialM, double[] InitialU);

/// <summary>Computes the comparison vector of a form and a record.</summary>
internal static class FieldComparer
{
    public static PairComparison Compare(PersonProfile form, PersonProfile record)
    {
        var c = new PairComparison();
        CompareCore(form, record, ref c);
        CompareRest(form, record, ref c);
        return c;
    }

    /// <summary>The cheap, decisive fields: name, date, gender, ID, birth place.</summary>
    public static void CompareCore(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        c.Name = CompareNames(form.Name, record.Name);
        c.Levels[(int)MatchField.FullName] = NameLevel(c.Name);

        c.Levels[(int)MatchField.DateOfBirth] = -1;
        if (form.Date is { } fd && record.Date is { } rd)
        {
            c.FormDate = fd;
            var agreement = BirthDateComparer.Compare(fd, rd);
            // A two-digit year whose other century is the registry's year is only formatting (a child's form, say).
            if (agreement != DateAgreement.Equal && form.DateParse.TwoDigitYear && Math.Abs(fd.Year - rd.Year) == 100)
            {
                var shifted = new BirthDate(rd.Year, fd.Month, fd.Day);
                var other = BirthDateComparer.Compare(shifted, rd);
                if (other < agreement) (agreement, c.FormDate) = (other, shifted);
            }
            if (agreement == DateAgreement.Equal && form.DateParse.ReadMonthFirst && fd.Day != fd.Month)
                agreement = DateAgreement.DayMonthSwapped;
            c.Date = agreement;
            c.Levels[(int)MatchField.DateOfBirth] = agreement switch
            {
                DateAgreement.Equal => (sbyte)(fd.Precision == DatePrecision.Day ? 0 : 1),
                DateAgreement.LessPreciseConsistent or DateAgreement.RegistryPartial => 1,
                DateAgreement.DayMonthSwapped => 2,
                DateAgreement.LunarDate => 3,
                DateAgreement.YearOffByOne => 4,
                DateAgreement.OneDigitOff => 5,
                _ => 6,
            };
        }

        c.Levels[(int)MatchField.Gender] = form.Gender is { } fg && record.Gender is { } rg && rg != Identity.Gender.Unknown
            ? (sbyte)(fg == rg ? 0 : 1)
            : (sbyte)-1;

        c.Levels[(int)MatchField.PersonalId] = IdLevel(form, record, ref c);

        c.Levels[(int)MatchField.BirthPlace] = form.BirthProvince is { } fp && record.BirthProvince is { } rp
            ? (sbyte)(fp.Code == rp.Code ? 0 : 1)
            : (sbyte)-1;
        c.Levels[(int)MatchField.FatherName] = -1;
        c.Levels[(int)MatchField.MotherName] = -1;
        c.Levels[(int)MatchField.Address] = -1;
    }

    /// <summary>The costlier supporting fields, compared only for candidates that can still matter: parents and address.</summary>
    public static void CompareRest(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        CompareParents(form, record, ref c);
        CompareAddress(form, record, ref c);
    }

    public static void CompareParents(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        // Parents already settled by CompareParentsQuickly are kept.
        if (c.Father is null) c.Levels[(int)MatchField.FatherName] = ParentLevel(form.Father, record.Father, out c.Father);
        if (c.Mother is null) c.Levels[(int)MatchField.MotherName] = ParentLevel(form.Mother, record.Mother, out c.Mother);
    }

    /// <summary>
    /// Settles the parents that plainly differ from the folded names alone, without parsing the record's (exactly what
    /// <see cref="CompareParents"/> would conclude); the others are left for it.
    /// </summary>
    public static void CompareParentsQuickly(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        if (form.Father is { } father && record.FatherFolded is { } recordFather && PlainlyDifferent(father, recordFather) is { } f)
            (c.Father, c.Levels[(int)MatchField.FatherName]) = (f, 2);
        if (form.Mother is { } mother && record.MotherFolded is { } recordMother && PlainlyDifferent(mother, recordMother) is { } m)
            (c.Mother, c.Levels[(int)MatchField.MotherName]) = (m, 2);
    }

    /// <summary>Token-set similarity of the folded addresses (see <see cref="TokenSetSimilarity"/>), the costliest comparison.</summary>
    public static void CompareAddress(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        if (form.Address is { } fa && record.Address is { } ra)
        {
            c.AddressScore = fa == ra ? 100 : TokenSetSimilarity.Ratio(fa, ra);
            c.Levels[(int)MatchField.Address] = (sbyte)(c.AddressScore >= 90 ? 0 : c.AddressScore >= 70 ? 1 : 2);
        }
    }

    /// <summary>Which of the rest fields both sides have (they bound how much the rest can still add).</summary>
    public static bool HasRest(PersonProfile form, PersonProfile record, MatchField field) => field switch
    {
        MatchField.FatherName => form.HasFather && record.HasFather,
        MatchField.MotherName => form.HasMother && record.HasMother,
        MatchField.Address => form.HasAddress && record.HasAddress,
        _ => false,
    };

    /// <summary>
    /// <see cref="NameComparer.Compare"/>, with a shortcut for the commonest case among candidates: a different given
    /// name that no rule can explain (not present elsewhere in the other name, not alike, more than one edit apart)
    /// is Different, which is exactly what the full comparison would conclude.
    /// </summary>
    internal static NameComparison CompareNames(PersonName form, PersonName record) =>
        form.IsReadable && record.IsReadable && PlainlyDifferent(form, record.FoldedKey) is { } different
            ? different
            : NameComparer.Compare(form, record);

    /// <summary>
    /// The shortcut behind <see cref="CompareNames"/>, on the record's folded name (its syllables joined by single
    /// spaces): null unless the names are plainly different.
    /// </summary>
    private static NameComparison? PlainlyDifferent(PersonName form, string recordFolded)
    {
        var fs = form.FoldedSyllables;
        var record = recordFolded.AsSpan();
        var lastSpace = record.LastIndexOf(' ');
        if (fs.Count < 2 || lastSpace < 0) return null;
        var formGiven = fs[^1].AsSpan();
        var recordGiven = record[(lastSpace + 1)..];
        if (formGiven.SequenceEqual(recordGiven) || ContainsWord(record, formGiven)) return null;
        for (var i = 0; i < fs.Count; i++)
            if (recordGiven.SequenceEqual(fs[i])) return null;
        if (StringSimilarity.JaroWinkler(formGiven, recordGiven) >= NameComparer.GivenNameThreshold) return null;
        if (StringSimilarity.WithinOneEdit(form.FoldedKey, record)) return null;
        return new NameComparison(NameAgreement.Different, StringSimilarity.JaroWinkler(form.FoldedKey, record), "different name");
    }

    private static bool ContainsWord(ReadOnlySpan<char> spaced, ReadOnlySpan<char> word)
    {
        foreach (var range in spaced.Split(' '))
            if (spaced[range].SequenceEqual(word)) return true;
        return false;
    }

    private static sbyte NameLevel(NameComparison n) => n.Agreement switch
    {
        NameAgreement.Exact or NameAgreement.CosmeticEqual => 0,
        NameAgreement.RegionalVariant => 1,
        NameAgreement.MissingMiddleName or NameAgreement.ExtraMiddleName => 2,
        NameAgreement.OrderSwapped => 3,
        NameAgreement.Spelling => 4,
        NameAgreement.Similar => (sbyte)(n.JaroWinkler >= 0.92 ? 5 : 6),
        _ => 7,
    };

    private static sbyte IdLevel(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        string? formDigits = null, recordDigits = null;
        if (form.Id12 is not null && record.Id12 is not null) (formDigits, recordDigits) = (form.Id12, record.Id12);
        else if (form.Id9 is not null && record.Id9 is not null) (formDigits, recordDigits) = (form.Id9, record.Id9);

        if (formDigits is not null)
        {
            c.Id = PersonalIdComparer.Compare(formDigits, recordDigits!);
            return c.Id switch
            {
                IdAgreement.Equal => 0,
                IdAgreement.Transposition => 1,
                IdAgreement.OneDigit => 2,
                _ => 4,
            };
        }
        // Nothing to compare digit by digit: does the form's 12-digit number at least encode this person's gender and year?
        if (form.Id12Parsed is { } parsed && record.Gender is { } g && record.Date is { } d)
        {
            c.IdConsistent = parsed.IsConsistentWith(g, d.Year);
            return c.IdConsistent switch { true => 3, false => 5, null => -1 };
        }
        return -1;
    }

    private static sbyte ParentLevel(PersonName? form, PersonName? record, out NameComparison? comparison)
    {
        comparison = null;
        if (form is null || record is null) return -1;
        var n = CompareNames(form, record);
        comparison = n;
        return n.Agreement switch
        {
            NameAgreement.Exact or NameAgreement.CosmeticEqual => 0,
            NameAgreement.Different => 2,
            _ => 1,
        };
    }
}
