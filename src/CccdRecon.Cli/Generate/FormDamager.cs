using System.Text;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Cli.Generate;

/// <summary>A form as keyed, with what was done to it and the flags a correct reconciliation raises.</summary>
internal sealed class DamagedForm
{
    public string? PersonalId { get; set; }
    public string? FullName { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    public List<string> Damages { get; } = [];
    public List<(string Field, string Kind)> Flags { get; } = [];
}

/// <summary>
/// Turns a registry person into the form a collector keyed in. Rates are in Generate/README.md; in short: about
/// 76% of forms carry no substantive error, 21% one and 3% two (on different fields); independently 0–3 cosmetic
/// damages (30% none, 42% one, 23% two, 5% three). Cosmetic damage never changes what a field means.
/// </summary>
internal sealed class FormDamager(PersonFactory factory, FormKnobs? knobs = null)
{
    /// <summary>Substantive damages and their relative weights, with the field each one touches.</summary>
    private static readonly (string Name, string Field, double Weight)[] Substantive =
    [
        ("name_spelling", FlaggableField.FullName, 18), ("missing_middle_name", FlaggableField.FullName, 10),
        ("extra_middle_name", FlaggableField.FullName, 6), ("regional_variant", FlaggableField.FullName, 12),
        ("name_order", FlaggableField.FullName, 3),
        ("day_month_swapped", FlaggableField.DateOfBirth, 10), ("lunar_date", FlaggableField.DateOfBirth, 6),
        ("dob_digit_typo", FlaggableField.DateOfBirth, 8), ("year_off_by_one", FlaggableField.DateOfBirth, 6),
        ("id_digit_typo", FlaggableField.PersonalId, 8), ("id_transposition", FlaggableField.PersonalId, 5),
        ("gender_different", FlaggableField.Gender, 3),
        ("father_spelling", FlaggableField.FatherName, 4), ("father_different", FlaggableField.FatherName, 2),
        ("mother_spelling", FlaggableField.MotherName, 4), ("mother_different", FlaggableField.MotherName, 2),
    ];

    /// <summary>Cosmetic damages and their relative weights.</summary>
    private static readonly (string Name, double Weight)[] Cosmetic =
    [
        ("case", 14), ("spaces", 10), ("nfd", 6), ("old_tone", 8), ("no_diacritics", 7), ("tcvn3", 4), ("vni", 3),
        ("date_d_m_yyyy", 8), ("date_dash", 4), ("date_dot", 4), ("date_iso", 4), ("date_yy", 5), ("date_words", 4),
        ("date_less_precise", 5), ("id_spaces", 4), ("id_dots", 3), ("old_id", 6), ("blank_optional", 6),
        ("gender_format", 10), ("address_changed", 4),
    ];

    private static readonly double[] SubstantiveWeights = Demographics.Cumulative(Substantive.Select(s => s.Weight));
    private static readonly double[] CosmeticWeights = Demographics.Cumulative(Cosmetic.Select(c => c.Weight));
    private static readonly double[] SubstantiveCount = Demographics.Cumulative([76, 21, 3]);
    private static readonly double[] CosmeticCount = Demographics.Cumulative([30, 42, 23, 5]);

    /// <summary>Cosmetic damages that rewrite every name's encoding; at most one per form.</summary>
    private static readonly HashSet<string> EncodingGroup = ["nfd", "no_diacritics", "tcvn3", "vni"];

    private readonly Rng _rng = factory.Rng;
    private readonly FormKnobs _knobs = knobs ?? FormKnobs.None;

    private sealed class Draft
    {
        public required Person Person { get; init; }
        public required string[] Name { get; set; }
        public string[]? Father { get; set; }
        public string[]? Mother { get; set; }
        public BirthDate Date { get; set; }
        public bool DateDamaged { get; set; }
        public string? Id { get; set; }
        public bool IdDamaged { get; set; }
        public bool Male { get; set; }
        public bool NameSpelled { get; set; }
        public HashSet<string> Applied { get; } = [];
        public List<string> AddressTags { get; } = [];
    }

    public DamagedForm Damage(Person person, bool substantiveAllowed)
    {
        var form = new DamagedForm();
        var draft = new Draft
        {
            Person = person,
            Name = person.Name,
            Male = person.Male,
            Id = person.PersonalId ?? person.OldId,
            Father = person.Father ?? (_rng.Chance(0.5) ? factory.NewName(person.Name[0], male: true) : null),
            Mother = person.Mother ?? (_rng.Chance(0.5) ? factory.NewName(factory.RandomSurname(), male: false) : null),
            Date = person.RegistryPrecision switch
            {
                DatePrecision.Day => new BirthDate(person.Birth.Year, person.Birth.Month, person.Birth.Day),
                DatePrecision.Month => new BirthDate(person.Birth.Year, person.Birth.Month),
                _ => new BirthDate(person.Birth.Year),
            },
        };

        if (substantiveAllowed)
        {
            // A registry that knows only part of the date against a form that gives it in full: half of such forms.
            if (person.RegistryPrecision != DatePrecision.Day && _rng.Chance(0.5))
            {
                draft.Date = new BirthDate(person.Birth.Year, person.Birth.Month, person.Birth.Day);
                draft.DateDamaged = true;
                Record(form, draft, "registry_partial", FlaggableField.DateOfBirth, DiscrepancyKind.RegistryPartial);
            }
            var wanted = form.Flags.Count + _rng.PickWeighted(SubstantiveCount);
            for (var attempt = 0; attempt < 20 && form.Flags.Count < wanted; attempt++)
            {
                var (name, field, _) = Substantive[_rng.PickWeighted(SubstantiveWeights)];
                if (form.Flags.Any(f => f.Field == field)) continue;
                var kind = TryApplySubstantive(name, draft);
                if (kind is not null) Record(form, draft, name, field, kind);
            }
        }

        var cosmetic = _rng.PickWeighted(CosmeticCount);
        var chosen = new List<string>();
        for (var attempt = 0; attempt < 20 && chosen.Count < cosmetic; attempt++)
        {
            var name = Cosmetic[_rng.PickWeighted(CosmeticWeights)].Name;
            if (!chosen.Contains(name) && IsCompatible(name, chosen, draft)) chosen.Add(name);
        }
        // The order matters: syllable rewrites before case and spacing, encodings last.
        chosen.Sort((a, b) => Array.FindIndex(Cosmetic, c => c.Name == a).CompareTo(Array.FindIndex(Cosmetic, c => c.Name == b)));
        if (substantiveAllowed) TryNameTypo(form, draft, chosen);
        Render(form, draft, chosen);
        foreach (var name in chosen.Where(draft.Applied.Contains)) form.Damages.Add(name);
        form.Damages.AddRange(draft.AddressTags);
        form.Flags.Sort((a, b) => IndexOfField(a.Field).CompareTo(IndexOfField(b.Field)));
        return form;
    }

    /// <summary>
    /// The typo knob (its own random stream): a keying slip in the given name or surname, unless the name already
    /// carries another error. Applied before rendering, so a form in TCVN3 or VNI carries the slip inside the legacy
    /// bytes; a form keyed without diacritics gets a letter slip, never a tone slip that would vanish.
    /// </summary>
    private void TryNameTypo(DamagedForm form, Draft d, List<string> cosmetic)
    {
        if (_knobs.TypoRng is not { } rng || !rng.Chance(_knobs.NameTypoRate)) return;
        if (form.Flags.Any(f => f.Field == FlaggableField.FullName)) return;
        if (NameTypos.Apply(d.Name, rng, toneAllowed: !cosmetic.Contains("no_diacritics")) is not { } typo) return;
        d.Name = typo.Name;
        Record(form, d, DamageTags.NameTypo, FlaggableField.FullName, DiscrepancyKind.Spelling);
        form.Damages.Add(typo.Place == TypoPlace.Surname ? DamageTags.NameTypoSurname : DamageTags.NameTypoGiven);
        if (cosmetic.Contains("tcvn3") || cosmetic.Contains("vni")) form.Damages.Add(DamageTags.NameTypoLegacy);
    }

    /// <summary>
    /// The address-style knob (its own random stream): writes the permanent address in the form's style, on the
    /// 63-province map or (a share of forms) on the 2025 map, and the hometown abbreviated when the form is.
    /// </summary>
    private void StyleAddresses(DamagedForm form, Draft d)
    {
        var residences = _knobs.Residences!;
        var rng = residences.FormRng;
        var wording = _knobs.FormAddressStyle == AddressStyle.Varied
            ? rng.NextDouble() switch { < 0.4 => AddressStyle.Full, < 0.8 => AddressStyle.Abbreviated, _ => AddressStyle.Mixed }
            : _knobs.FormAddressStyle;
        var home = d.Applied.Contains("address_changed")
            ? factory.NewResidence(d.Person.Home?.Province.Code ?? rng.Pick(AdministrativeMap.Provinces).Code, rng)
            : d.Person.Home;
        if (form.PermanentAddress is not null && home is not null)
        {
            var post2025 = rng.Chance(_knobs.Post2025Share);
            form.PermanentAddress = Residences.Write(home, wording, post2025, rng);
            d.AddressTags.Add(DamageTags.AddressStyle(wording));
            if (post2025) d.AddressTags.Add(DamageTags.AddressPost2025);
            if (post2025 && home.Commune.RenamedIn2025) d.AddressTags.Add(DamageTags.AddressCommuneRenamed);
        }
        if (form.Hometown is not null && wording != AddressStyle.Full && HometownParts(form.Hometown) is { } parts)
            form.Hometown = Residences.WriteHometown(parts.Commune, parts.Province, wording, rng);
    }

    /// <summary>The parts of a hometown written as "Xã {commune}, {province}".</summary>
    private static (string Commune, ProvinceUnit Province)? HometownParts(string hometown)
    {
        var comma = hometown.IndexOf(", ", StringComparison.Ordinal);
        if (!hometown.StartsWith("Xã ", StringComparison.Ordinal) || comma < 0) return null;
        var provinceName = hometown[(comma + 2)..];
        var province = Array.Find(AdministrativeMap.Provinces, p => p.Name == provinceName);
        return province is null ? null : (hometown[3..comma], province);
    }

    private static int IndexOfField(string field) => FlaggableField.All.ToList().IndexOf(field);

    private static void Record(DamagedForm form, Draft draft, string damage, string field, string kind)
    {
        form.Damages.Add(damage);
        form.Flags.Add((field, kind));
        draft.Applied.Add(damage);
    }

    private string? TryApplySubstantive(string name, Draft d)
    {
        var p = d.Person;
        var fullDate = p.RegistryPrecision == DatePrecision.Day && !d.DateDamaged;
        switch (name)
        {
            case "name_spelling":
                if (NameDamage.Misspell(d.Name, _rng) is not { } spelled) return null;
                d.Name = spelled;
                d.NameSpelled = true;
                return DiscrepancyKind.Spelling;
            case "missing_middle_name":
                if (d.Name.Length < 3) return null;
                // Drop the first middle name, or the second of a four-syllable name.
                var drop = d.Name.Length > 3 && _rng.Chance(0.5) ? 2 : 1;
                d.Name = [.. d.Name[..drop], .. d.Name[(drop + 1)..]];
                return DiscrepancyKind.MissingMiddleName;
            case "extra_middle_name":
                var candidates = (d.Male ? Demographics.MaleMiddles : Demographics.FemaleMiddles).Where(m => !d.Name.Contains(m)).ToArray();
                if (candidates.Length == 0) return null;
                d.Name = [d.Name[0], _rng.Pick(candidates), .. d.Name[1..]];
                return DiscrepancyKind.ExtraMiddleName;
            case "regional_variant":
                if (NameDamage.RegionalCounterpart(d.Name[0]) is not { } other) return null;
                d.Name = [other, .. d.Name[1..]];
                return DiscrepancyKind.RegionalVariant;
            case "name_order":
                d.Name = [d.Name[^1], .. d.Name[..^1]];
                return DiscrepancyKind.NameOrder;
            case "day_month_swapped":
                if (!fullDate || p.Birth.Day == p.Birth.Month || p.Birth.Day > 12) return null;
                return SetDate(d, new BirthDate(p.Birth.Year, p.Birth.Day, p.Birth.Month), DiscrepancyKind.DayMonthSwapped);
            case "lunar_date":
                if (!fullDate) return null;
                var lunar = VietnameseLunarCalendar.ToLunar(p.Birth);
                // A lunar 30th of a short solar month cannot be keyed as a solar date; such forms get another damage.
                if (lunar.Day > DateTime.DaysInMonth(lunar.Year, lunar.Month)) return null;
                var asSolar = new BirthDate(lunar.Year, lunar.Month, lunar.Day);
                if (DigitsDiffering(asSolar, d.Date) < 2 || IsSwap(asSolar, d.Date)) return null;
                return SetDate(d, asSolar, DiscrepancyKind.LunarDate);
            case "dob_digit_typo":
                if (!fullDate || NameDamage.DateDigitTypo(p.Birth, factory.SurveyDate, _rng) is not { } typo) return null;
                return SetDate(d, new BirthDate(typo.Year, typo.Month, typo.Day), DiscrepancyKind.DigitTypo);
            case "year_off_by_one":
                if (!fullDate) return null;
                var year = p.Birth.Year + (_rng.Chance(0.5) ? 1 : -1);
                if (p.Birth.Day > DateTime.DaysInMonth(year, p.Birth.Month)) return null;
                var shifted = new BirthDate(year, p.Birth.Month, p.Birth.Day);
                return SetDate(d, shifted, DiscrepancyKind.YearOffByOne);
            case "id_digit_typo":
                if (p.PersonalId is null) return null;
                d.Id = NameDamage.IdDigitTypo(p.PersonalId, _rng);
                d.IdDamaged = true;
                return DiscrepancyKind.DigitTypo;
            case "id_transposition":
                if (p.PersonalId is null || NameDamage.IdTransposition(p.PersonalId, _rng) is not { } swapped) return null;
                d.Id = swapped;
                d.IdDamaged = true;
                return DiscrepancyKind.Transposition;
            case "gender_different":
                d.Male = !d.Male;
                return DiscrepancyKind.Different;
            case "father_spelling":
            case "mother_spelling":
                var parent = name[0] == 'f' ? p.Father : p.Mother;
                if (parent is null || NameDamage.Misspell(parent, _rng) is not { } misspelt) return null;
                if (name[0] == 'f') d.Father = misspelt; else d.Mother = misspelt;
                d.NameSpelled = true;
                return DiscrepancyKind.Spelling;
            case "father_different":
                if (p.Father is null) return null;
                d.Father = factory.NewName(p.Father[0], male: true);
                return d.Father[1..].SequenceEqual(p.Father[1..]) ? null : DiscrepancyKind.Different;
            case "mother_different":
                if (p.Mother is null) return null;
                d.Mother = factory.NewName(factory.RandomSurname(), male: false);
                return d.Mother[1..].SequenceEqual(p.Mother[1..]) ? null : DiscrepancyKind.Different;
            default:
                throw new InvalidOperationException($"unknown damage {name}");
        }
    }

    private static string SetDate(Draft d, BirthDate date, string kind)
    {
        d.Date = date;
        d.DateDamaged = true;
        return kind;
    }

    private static bool IsSwap(BirthDate a, BirthDate b) => a.Year == b.Year && a.Day == b.Month && a.Month == b.Day;

    private static int DigitsDiffering(BirthDate a, BirthDate b)
    {
        string Text(BirthDate x) => $"{x.Day:D2}{x.Month:D2}{x.Year:D4}";
        var (ta, tb) = (Text(a), Text(b));
        var n = 0;
        for (var i = 0; i < ta.Length; i++) if (ta[i] != tb[i]) n++;
        return n;
    }

    private bool IsCompatible(string name, List<string> chosen, Draft d)
    {
        var p = d.Person;
        var dayPrecise = d.Date.Precision == DatePrecision.Day;
        if (EncodingGroup.Contains(name) && chosen.Any(EncodingGroup.Contains)) return false;
        if (name.StartsWith("date_", StringComparison.Ordinal) && chosen.Any(c => c.StartsWith("date_", StringComparison.Ordinal))) return false;
        if (name.StartsWith("id_", StringComparison.Ordinal) || name == "old_id")
        {
            if (chosen.Any(c => c.StartsWith("id_", StringComparison.Ordinal) || c == "old_id")) return false;
        }
        return name switch
        {
            // A tone-changed spelling error would vanish without diacritics, and case is meaningless in legacy code pages.
            "no_diacritics" => !d.NameSpelled && !chosen.Contains("old_tone"),
            "old_tone" => !chosen.Contains("no_diacritics") && AllNames(d).Any(n => n.Any(ToneStyle.HasOtherStyle)),
            "tcvn3" or "vni" => !chosen.Contains("case"),
            "case" => !chosen.Contains("tcvn3") && !chosen.Contains("vni"),
            "date_d_m_yyyy" => dayPrecise && (d.Date.Day < 10 || d.Date.Month < 10),
            "date_dash" or "date_dot" or "date_iso" or "date_words" => dayPrecise,
            // Two-digit years resolve to the latest year that makes the person at least 14: keep clear of that edge.
            "date_yy" => dayPrecise && d.Date.Year <= factory.SurveyDate.Year - 16,
            "date_less_precise" => dayPrecise && !d.DateDamaged && d.Date.Year < 1960,
            "id_spaces" or "id_dots" => d.Id is not null,
            "old_id" => p.OldId is not null && p.PersonalId is not null && !d.IdDamaged,
            _ => true,
        };
    }

    private static IEnumerable<string[]> AllNames(Draft d)
    {
        yield return d.Name;
        if (d.Father is not null) yield return d.Father;
        if (d.Mother is not null) yield return d.Mother;
    }

    private void Render(DamagedForm form, Draft d, List<string> cosmetic)
    {
        var p = d.Person;
        string[] name = d.Name, father = d.Father ?? [], mother = d.Mother ?? [];
        form.BirthPlace = p.BirthPlace.Name;
        form.Hometown = p.Hometown;
        form.Ethnicity = p.Ethnicity;
        form.PermanentAddress = p.Address;
        form.PersonalId = d.Id;
        form.Gender = d.Male ? "Nam" : "Nữ";
        form.DateOfBirth = NameDamage.FormatDate(d.Date, "dd/mm/yyyy", _rng);
        string? upperOrLower = null;
        var spaced = false;

        foreach (var c in cosmetic)
        {
            var applied = true;
            switch (c)
            {
                case "old_tone":
                    name = [.. name.Select(ToneStyle.ToOtherStyle)];
                    father = [.. father.Select(ToneStyle.ToOtherStyle)];
                    mother = [.. mother.Select(ToneStyle.ToOtherStyle)];
                    break;
                case "case": upperOrLower = _rng.Chance(0.6) ? "upper" : "lower"; break;
                case "spaces": spaced = true; break;
                case "date_d_m_yyyy": form.DateOfBirth = NameDamage.FormatDate(d.Date, "d/m/yyyy", _rng); break;
                case "date_dash": form.DateOfBirth = NameDamage.FormatDate(d.Date, "dd-mm-yyyy", _rng); break;
                case "date_dot": form.DateOfBirth = NameDamage.FormatDate(d.Date, "dd.mm.yyyy", _rng); break;
                case "date_iso": form.DateOfBirth = NameDamage.FormatDate(d.Date, "yyyy-mm-dd", _rng); break;
                case "date_yy": form.DateOfBirth = NameDamage.FormatDate(d.Date, "dd/mm/yy", _rng); break;
                case "date_words": form.DateOfBirth = NameDamage.FormatDate(d.Date, "words", _rng); break;
                case "date_less_precise":
                    form.DateOfBirth = NameDamage.FormatDate(_rng.Chance(0.5) ? new BirthDate(d.Date.Year) : new BirthDate(d.Date.Year, d.Date.Month), "dd/mm/yyyy", _rng);
                    break;
                case "id_spaces": form.PersonalId = NameDamage.GroupDigits(d.Id!, ' ', _rng); break;
                case "id_dots": form.PersonalId = NameDamage.GroupDigits(d.Id!, '.', _rng); break;
                case "old_id": form.PersonalId = p.OldId; break;
                case "blank_optional":
                    switch (_rng.Next(d.IdDamaged ? 4 : 5))
                    {
                        case 0: form.BirthPlace = null; break;
                        case 1: form.Hometown = null; break;
                        case 2: form.Ethnicity = null; break;
                        case 3: form.PermanentAddress = null; break;
                        default: form.PersonalId = null; break;
                    }
                    break;
                case "gender_format": form.Gender = NameDamage.GenderSpelling(d.Male, _rng); break;
                case "address_changed": form.PermanentAddress = factory.NewAddress(); break;
                default: applied = false; break;
            }
            if (applied) d.Applied.Add(c);
        }

        string Text(string[] syllables, bool isFullName)
        {
            if (syllables.Length == 0) return "";
            var text = string.Join(' ', syllables);
            if (upperOrLower is not null && (isFullName || _rng.Chance(0.5)))
                text = upperOrLower == "upper" ? text.ToUpperInvariant() : text.ToLowerInvariant();
            if (spaced && isFullName) text = NameDamage.AddSpaces(syllables.Length, text, _rng);
            return text;
        }

        form.FullName = Text(name, true);
        form.FatherName = NullIfEmpty(Text(father, false));
        form.MotherName = NullIfEmpty(Text(mother, false));
        if (upperOrLower is not null) d.Applied.Add("case");
        if (spaced) d.Applied.Add("spaces");

        if (_knobs.Residences is not null) StyleAddresses(form, d);

        var encoding = cosmetic.FirstOrDefault(EncodingGroup.Contains);
        if (encoding is not null)
        {
            Func<string?, string?> encode = encoding switch
            {
                "nfd" => s => s?.Normalize(NormalizationForm.FormD),
                "no_diacritics" => s => s is null ? null : NameDamage.StripDiacritics(s),
                "tcvn3" => s => s is null ? null : VietnameseText.EncodeLegacy(s, LegacyEncoding.Tcvn3),
                _ => s => s is null ? null : VietnameseText.EncodeLegacy(s, LegacyEncoding.Vni),
            };
            form.FullName = encode(form.FullName);
            form.FatherName = encode(form.FatherName);
            form.MotherName = encode(form.MotherName);
            if (encoding is "nfd" or "no_diacritics")
            {
                // A keyboard without Vietnamese input, or a Mac's NFD, touches every text field of the row.
                form.BirthPlace = encode(form.BirthPlace);
                form.Hometown = encode(form.Hometown);
                form.PermanentAddress = encode(form.PermanentAddress);
            }
            d.Applied.Add(encoding);
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
