using CccdRecon.Core.Addresses;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

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
        c.Levels = LevelVector.Missing;
        CompareName(form, record, ref c);
        CompareIdentifiers(form, record, ref c);
    }

    /// <summary>The full name: the dearest of the core fields (see <see cref="CandidateScoreBound"/>, which bounds it unread).</summary>
    public static void CompareName(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        if (form.Name.IsReadable)
        {
            c.Name = CompareNames(form.Name, record.Name);
            c.Levels.Name = NameLevelOf(c.Name);
        }
        else c.Name = new NameComparison(NameAgreement.Different, 0, "the form's name is unreadable");
    }

    /// <summary>
    /// The core fields other than the name — date, gender, ID number, birth place: a few integer and digit comparisons
    /// each, on a record whose levels start <see cref="LevelVector.Missing"/>.
    /// </summary>
    public static void CompareIdentifiers(PersonProfile form, PersonProfile record, ref PairComparison c) =>
        CompareIdentifiers(form, RecordIdentifiers.Of(record), ref c);

    /// <summary>The same, on the identifiers of a record as its profile or its <see cref="RecordSketch"/> gives them.</summary>
    public static void CompareIdentifiers(PersonProfile form, in RecordIdentifiers record, ref PairComparison c)
    {
        if (form.Date is { } fd && record.Date is { } rd) CompareDates(form, fd, rd, ref c);

        c.Levels.Id = IdLevelOf(form, record, ref c);
        CompareGenderAndBirthPlace(form, record.Gender, record.BirthProvince, ref c);
    }

    /// <summary>
    /// The same on a record's <see cref="RecordSketch"/> (<see cref="RecordSketch.Complete"/>), read in place: the date
    /// through the form's kept comparisons by its packed value, the 12 digits as packed words against the form's
    /// (<see cref="FormSketch.PackedId12"/>, packed once a form). Levels and comparisons exactly as
    /// <c>CompareIdentifiers(form, record.IdentifiersFor(form, id9), ref c)</c> sets them.
    /// </summary>
    public static void CompareIdentifiers(PersonProfile form, in FormSketch formSketch, in RecordSketch record, ref PairComparison c, DateComparisons dates, Span<char> id9)
    {
        if (form.Date is not null && record.PackedDate != 0) dates.Compare(form, record.PackedDate, ref c);

        if (form.Id12 is not null && record.PackedId12 >= 0 && formSketch.PackedId12 >= 0)
        {
            c.Id = PersonalIdComparer.ComparePacked((ulong)formSketch.PackedId12, (ulong)record.PackedId12);
            c.Levels.Id = IdLevelOf(c.Id.Value);
        }
        // A form with no number at all has nothing to compare or check for consistency (IdLevelOf): the level stays missing.
        else if (form.Id12 is null && form.Id9 is null) c.Levels.Id = null;
        else c.Levels.Id = IdLevelOf(form, record.IdentifiersFor(form, id9), ref c);
        if (form.Gender is { } fg && record.Gender is { } rg && rg != Identity.Gender.Unknown)
            c.Levels.Gender = fg == rg ? GenderLevel.Agree : GenderLevel.Disagree;
        // As CompareGenderAndBirthPlace compares the provinces' codes: one code, one province, one number.
        if (formSketch.BirthProvinceNumber != 0 && record.BirthProvinceNumber != 0)
            c.Levels.BirthPlace = formSketch.BirthProvinceNumber == record.BirthProvinceNumber ? BirthPlaceLevel.Agree : BirthPlaceLevel.Different;
    }

    /// <summary>Gender and birth place, each set only when both sides know it (an unknown gender on the record counts as unknown).</summary>
    private static void CompareGenderAndBirthPlace(PersonProfile form, Identity.Gender? recordGender, Places.Province? recordBirthProvince, ref PairComparison c)
    {
        if (form.Gender is { } fg && recordGender is { } rg && rg != Identity.Gender.Unknown)
            c.Levels.Gender = fg == rg ? GenderLevel.Agree : GenderLevel.Disagree;

        if (form.BirthProvince is { } fp && recordBirthProvince is { } rp)
            c.Levels.BirthPlace = fp.Code == rp.Code ? BirthPlaceLevel.Agree : BirthPlaceLevel.Different;
    }

    /// <summary>The form's date <paramref name="fd"/> against a record's <paramref name="rd"/>: what it reads as, how they agree, the level.</summary>
    internal static void CompareDates(PersonProfile form, BirthDate fd, BirthDate rd, ref PairComparison c)
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
        c.Levels.Date = agreement switch
        {
            DateAgreement.Equal => fd.Precision == DatePrecision.Day ? DateLevel.Equal : DateLevel.ConsistentPartial,
            DateAgreement.LessPreciseConsistent or DateAgreement.RegistryPartial => DateLevel.ConsistentPartial,
            DateAgreement.DayMonthSwapped => DateLevel.DayMonthSwapped,
            DateAgreement.LunarDate => DateLevel.LunarDate,
            DateAgreement.YearOffByOne => DateLevel.YearOffByOne,
            DateAgreement.OneDigitOff => DateLevel.OneDigitOff,
            _ => DateLevel.Different,
        };
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
        if (c.Father is null) c.Levels.Father = ParentLevelOf(form.Father, record.Father, out c.Father);
        if (c.Mother is null) c.Levels.Mother = ParentLevelOf(form.Mother, record.Mother, out c.Mother);
    }

    /// <summary>
    /// Settles the parents that plainly differ from the folded names alone, without parsing the record's (exactly what
    /// <see cref="CompareParents"/> would conclude); the others are left for it.
    /// </summary>
    public static void CompareParentsQuickly(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        if (form.Father is { } father && record.FatherFolded is { } recordFather && PlainlyDifferent(father, recordFather) is { } f)
            (c.Father, c.Levels.Father) = (f, ParentLevel.Different);
        if (form.Mother is { } mother && record.MotherFolded is { } recordMother && PlainlyDifferent(mother, recordMother) is { } m)
            (c.Mother, c.Levels.Mother) = (m, ParentLevel.Different);
    }

    /// <summary>
    /// The addresses compared part by part (<see cref="AddressComparer"/>), the costliest comparison (the record's address
    /// is parsed here). Too little read on a side to say anything is no evidence either way.
    /// </summary>
    public static void CompareAddress(PersonProfile form, PersonProfile record, ref PairComparison c)
    {
        if (form.ParsedAddress is not { } fa || record.ParsedAddress is not { } ra) return;
        if (ReadsAsVietnamese(fa) || ReadsAsVietnamese(ra))
        {
            var comparison = AddressComparer.Compare(fa, ra);
            c.AddressDetail = comparison;
            c.Levels.Address = comparison.Level;
            return;
        }
        // Neither names a known province or any unit word: not a Vietnamese address, compared as text.
        if (form.Address is { } ft && record.Address is { } rt)
        {
            c.AddressScore = ft == rt ? 100 : TokenSetSimilarity.Ratio(ft, rt);
            c.Levels.AddressText = c.AddressScore >= CloseAddressScore ? AddressTextLevel.Close
                : c.AddressScore >= PartialAddressScore ? AddressTextLevel.Partial : AddressTextLevel.Different;
        }
    }

    /// <summary>An address that names a province the map knows, or any unit word (xã, phường, thôn, số nhà…).</summary>
    internal static bool ReadsAsVietnamese(VietnameseAddress a)
    {
        if (a.Province is not null) return true;
        foreach (var part in a.Parts)
            if (part.Kind != AddressUnitKind.Unmarked) return true;
        return false;
    }

    /// <summary>Token-set similarity (0–100) from which addresses compared as text are <see cref="AddressTextLevel.Close"/>.</summary>
    public const int CloseAddressScore = 90;
    /// <summary>Token-set similarity from which addresses compared as text are <see cref="AddressTextLevel.Partial"/>.</summary>
    public const int PartialAddressScore = 70;

    /// <summary>Which of the rest fields both sides have (they bound how much the rest can still add).</summary>
    public static bool HasRest(PersonProfile form, PersonProfile record, MatchField field) => field switch
    {
        MatchField.FatherName => form.HasFather && record.HasFather,
        MatchField.MotherName => form.HasMother && record.HasMother,
        MatchField.Address or MatchField.AddressText => form.HasAddress && record.HasAddress,
        _ => false,
    };

    /// <summary>
    /// <see cref="NameComparer.Compare"/>, with a shortcut for the commonest case among candidates: a different given
    /// name that no rule can explain (not present elsewhere in the other name, not alike, more than one edit apart)
    /// is Different, which is exactly what the full comparison would conclude (its Jaro–Winkler left
    /// <see cref="NameComparison.NotMeasured"/>).
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
        // A name with another reading is compared in full, both ways.
        if (form.Alternative is not null) return null;
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
        // The similarity of the whole names is not worked out: a Different name's level, weight, flag and explanation do
        // not read it (only Similar's level does), and it was the dearest step of an absent person's parents.
        return new NameComparison(NameAgreement.Different, NameComparison.NotMeasured, "different name");
    }

    private static bool ContainsWord(ReadOnlySpan<char> spaced, ReadOnlySpan<char> word)
    {
        foreach (var range in spaced.Split(' '))
            if (spaced[range].SequenceEqual(word)) return true;
        return false;
    }

    /// <summary>Jaro–Winkler of folded names from which a <see cref="NameAgreement.Similar"/> name is <see cref="NameLevel.SimilarHigh"/>.</summary>
    public const double SimilarHighJaroWinkler = 0.92;

    private static NameLevel NameLevelOf(NameComparison n) => n.Agreement switch
    {
        NameAgreement.Exact or NameAgreement.CosmeticEqual => NameLevel.Agree,
        NameAgreement.RegionalVariant => NameLevel.RegionalVariant,
        NameAgreement.MissingMiddleName or NameAgreement.ExtraMiddleName => NameLevel.MiddleName,
        NameAgreement.OrderSwapped => NameLevel.NameOrder,
        NameAgreement.Spelling => NameLevel.Spelling,
        NameAgreement.Similar => n.JaroWinkler >= SimilarHighJaroWinkler ? NameLevel.SimilarHigh : NameLevel.Similar,
        _ => NameLevel.Different,
    };

    private static IdLevel? IdLevelOf(PersonProfile form, in RecordIdentifiers record, ref PairComparison c)
    {
        // The record's 12 digits packed (a sketch's): compared as words, digit for digit the answer the characters give.
        if (form.Id12 is not null && record.PackedId12 >= 0)
        {
            if (form.Id12.Length == 12 && PersonalIdComparer.TryPack(form.Id12, out var packed)) c.Id = PersonalIdComparer.ComparePacked(packed, (ulong)record.PackedId12);
            else c.Id = PersonalIdComparer.CompareDigits(form.Id12, PersonalIdComparer.Unpack((ulong)record.PackedId12, stackalloc char[12]));
            return IdLevelOf(c.Id.Value);
        }
        string? formDigits = null;
        ReadOnlySpan<char> recordDigits = default;
        if (form.Id12 is not null && !record.Id12.IsEmpty)
        {
            formDigits = form.Id12;
            recordDigits = record.Id12;
        }
        else if (form.Id9 is not null && !record.Id9.IsEmpty)
        {
            formDigits = form.Id9;
            recordDigits = record.Id9;
        }

        if (formDigits is not null)
        {
            c.Id = PersonalIdComparer.CompareDigits(formDigits, recordDigits);
            return IdLevelOf(c.Id.Value);
        }
        // Nothing to compare digit by digit: does the form's 12-digit number at least encode this person's gender and year?
        if (form.Id12Parsed is { } parsed && record.Gender is { } g && record.Date is { } d)
        {
            c.IdConsistent = parsed.IsConsistentWith(g, d.Year);
            return c.IdConsistent switch { true => IdLevel.Consistent, false => IdLevel.Inconsistent, null => null };
        }
        return null;
    }

    private static IdLevel IdLevelOf(IdAgreement agreement) => agreement switch
    {
        IdAgreement.Equal => IdLevel.Equal,
        IdAgreement.Transposition => IdLevel.Transposition,
        IdAgreement.OneDigit => IdLevel.OneDigit,
        _ => IdLevel.Different,
    };

    private static ParentLevel? ParentLevelOf(PersonName? form, PersonName? record, out NameComparison? comparison)
    {
        comparison = null;
        if (form is null || record is null) return null;
        var n = CompareNames(form, record);
        comparison = n;
        return n.Agreement switch
        {
            NameAgreement.Exact or NameAgreement.CosmeticEqual => ParentLevel.Agree,
            NameAgreement.Different => ParentLevel.Different,
            _ => ParentLevel.Similar,
        };
    }
}
