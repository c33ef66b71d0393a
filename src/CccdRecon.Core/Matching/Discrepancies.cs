using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>Turns a matched pair's comparison into the substantive differences staff must decide (cosmetic ones are not flagged).</summary>
internal static class Discrepancies
{
    public static IReadOnlyList<Discrepancy> Find(SurveyForm form, PersonProfile profile, IndexedRecord match, in PairComparison c)
    {
        var list = new List<Discrepancy>(2);
        var record = match.Record;
        var rp = match.Profile;

        if (!profile.Name.IsReadable)
            list.Add(new Discrepancy(FlaggableField.FullName, DiscrepancyKind.Unreadable, form.FullName ?? "", record.FullName, rp.Name.Display,
                $"the form's name cannot be read ({profile.Name.Problem}); linked by its ID number and date"));
        else if (NameKind(c.Name) is { } nameKind)
            list.Add(new Discrepancy(FlaggableField.FullName, nameKind, form.FullName ?? "", record.FullName, rp.Name.Display, c.Name.Detail));

        AddDate(form, profile, rp, c, record, list);

        if (c.Levels.Gender == GenderLevel.Disagree)
            list.Add(new Discrepancy(FlaggableField.Gender, DiscrepancyKind.Different, form.Gender ?? "", record.Gender ?? "",
                GenderParser.ToInterchange(rp.Gender ?? Gender.Unknown), "the form's gender differs from the registry's"));

        AddId(form, profile, c, record, list);

        if (c.Father is { } father && NameKind(father) is { } fatherKind)
            list.Add(new Discrepancy(FlaggableField.FatherName, fatherKind, form.FatherName ?? "", record.FatherName ?? "", rp.Father!.Display, father.Detail));
        if (c.Mother is { } mother && NameKind(mother) is { } motherKind)
            list.Add(new Discrepancy(FlaggableField.MotherName, motherKind, form.MotherName ?? "", record.MotherName ?? "", rp.Mother!.Display, mother.Detail));
        return list;
    }

    private static string? NameKind(NameComparison n) => n.Agreement switch
    {
        NameAgreement.Exact or NameAgreement.CosmeticEqual => null,
        NameAgreement.RegionalVariant => DiscrepancyKind.RegionalVariant,
        NameAgreement.MissingMiddleName => DiscrepancyKind.MissingMiddleName,
        NameAgreement.ExtraMiddleName => DiscrepancyKind.ExtraMiddleName,
        NameAgreement.OrderSwapped => DiscrepancyKind.NameOrder,
        NameAgreement.Spelling or NameAgreement.Similar => DiscrepancyKind.Spelling,
        _ => DiscrepancyKind.Different,
    };

    private static void AddDate(SurveyForm form, PersonProfile profile, PersonProfile rp, in PairComparison c, RegistryRecord record, List<Discrepancy> list)
    {
        var formValue = form.DateOfBirth ?? "";
        if (rp.Date is not { } registryDate) return;
        if (profile.Date is null)
        {
            if (!string.IsNullOrWhiteSpace(form.DateOfBirth))
                list.Add(new Discrepancy(FlaggableField.DateOfBirth, DiscrepancyKind.Unreadable, formValue, record.DateOfBirth ?? "", registryDate.ToIso(),
                    $"the form's date cannot be read: {profile.DateParse.Problem}"));
            return;
        }
        var formDate = c.FormDate ?? profile.Date.Value;
        (string Kind, string Suggestion, string Reason)? flag = c.Date switch
        {
            DateAgreement.RegistryPartial => (DiscrepancyKind.RegistryPartial, formDate.ToIso(),
                "the registry knows only part of the date; the form gives more: confirm and complete the registry"),
            DateAgreement.DayMonthSwapped => (DiscrepancyKind.DayMonthSwapped, registryDate.ToIso(), "day and month are exchanged"),
            DateAgreement.LunarDate => (DiscrepancyKind.LunarDate, registryDate.ToIso(), "the form gives the lunar-calendar date of the registry's date"),
            DateAgreement.OneDigitOff => (DiscrepancyKind.DigitTypo, registryDate.ToIso(), "one digit differs"),
            DateAgreement.YearOffByOne => (DiscrepancyKind.YearOffByOne, registryDate.ToIso(), "the year differs by one"),
            DateAgreement.Different => (DiscrepancyKind.Different, registryDate.ToIso(), "a different date"),
            _ => null,
        };
        if (flag is { } f)
            list.Add(new Discrepancy(FlaggableField.DateOfBirth, f.Kind, formValue, record.DateOfBirth ?? "", f.Suggestion, f.Reason));
    }

    private static void AddId(SurveyForm form, PersonProfile profile, in PairComparison c, RegistryRecord record, List<Discrepancy> list)
    {
        var formValue = form.PersonalId ?? "";
        var registryValue = profile.Id9 is not null && c.Id is not null ? record.OldId ?? "" : record.PersonalId ?? record.OldId ?? "";
        if (profile.IdUnreadable is not null)
        {
            list.Add(new Discrepancy(FlaggableField.PersonalId, DiscrepancyKind.Unreadable, formValue, registryValue, registryValue,
                "the form's number is neither a 12-digit personal ID nor a 9-digit legacy number"));
            return;
        }
        (string Kind, string Reason)? flag = c.Id switch
        {
            IdAgreement.Transposition => (DiscrepancyKind.Transposition, "two adjacent digits are exchanged"),
            IdAgreement.OneDigit => (DiscrepancyKind.DigitTypo, "one digit differs"),
            IdAgreement.Different => (DiscrepancyKind.Different, "a different number"),
            _ => c.IdConsistent == false ? (DiscrepancyKind.Inconsistent, "the number's gender/century digit or year digits contradict the registry") : null,
        };
        if (flag is { } f)
            list.Add(new Discrepancy(FlaggableField.PersonalId, f.Kind, formValue, registryValue, registryValue, f.Reason));
    }
}

/// <summary>Describes the cosmetic rewrites applied to a form, so a clean result still says what was normalized.</summary>
internal static class Normalizations
{
    public static IReadOnlyList<string> Describe(SurveyForm form, PersonProfile profile)
    {
        var list = new List<string>();
        AddName(FlaggableField.FullName, profile.Name, list);
        if (profile.Father is { } father) AddName(FlaggableField.FatherName, father, list);
        if (profile.Mother is { } mother) AddName(FlaggableField.MotherName, mother, list);
        if (profile.DateParse.Normalization is { } dn) list.Add($"{FlaggableField.DateOfBirth}: {dn}");
        if (!string.IsNullOrEmpty(form.PersonalId) && (profile.Id12 ?? profile.Id9) is { } digits)
        {
            if (digits.Length != form.PersonalId.Length) list.Add($"{FlaggableField.PersonalId}: spaces and separators removed");
            if (profile.Id9 is not null) list.Add($"{FlaggableField.PersonalId}: 9-digit legacy number (CMND)");
        }
        if (profile.Gender is { } g && form.Gender is { } rawGender && rawGender != GenderParser.ToInterchange(g))
            list.Add($"{FlaggableField.Gender}: \"{rawGender.Trim()}\" read as {GenderParser.ToInterchange(g)}");
        return list;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Labels = new();

    private static void AddName(string field, PersonName name, List<string> list)
    {
        // A handful of distinct labels, built once rather than per form.
        foreach (var n in name.Normalizations) list.Add(Labels.GetOrAdd((field, n), static k => $"{k.Item1}: {k.Item2}"));
    }
}
