using CccdRecon.Core.Dates;
using CccdRecon.Core.Places;

namespace CccdRecon.Cli.Generate;

/// <summary>Draws registry people with realistic names, dates, places and structurally valid ID numbers.</summary>
internal sealed class PersonFactory
{
    private static readonly DateOnly Earliest = new(1930, 1, 1);
    private static readonly DateOnly Latest = new(2012, 12, 31);

    private readonly IReadOnlyList<Province> _provinces;
    private readonly HashSet<long> _personalIds = [];
    private readonly HashSet<int> _oldIds = [];

    public PersonFactory(Rng rng, DateOnly surveyDate)
    {
        Rng = rng;
        SurveyDate = surveyDate;
        _provinces = Province.All;
    }

    public Rng Rng { get; }
    public DateOnly SurveyDate { get; }

    /// <summary>When set, permanent addresses are drawn in parts from this world (its own random stream).</summary>
    public Residences? Residences { get; init; }

    /// <summary>
    /// The province knob: when set, the population is one province's, as in a province batch. 85 % were born there
    /// (the rest anywhere), 95 % live there. Draws from <see cref="PlaceRng"/>, never from the main stream.
    /// </summary>
    public Province? HomeProvince { get; init; }

    /// <summary>The province knob's own random stream.</summary>
    public Rng? PlaceRng { get; init; }

    /// <summary>Share of a one-province population born in the province.</summary>
    private const double BornInHomeProvince = 0.85;

    /// <summary>Share of a one-province population living in the province.</summary>
    private const double LivingInHomeProvince = 0.95;

    /// <summary>How the registry writes a structured address (full words unless asked otherwise).</summary>
    public AddressStyle RegistryAddressStyle { get; init; } = AddressStyle.Full;

    public Person NewPerson(string recordId)
    {
        var male = Rng.Chance(0.5);
        var surname = Demographics.Surnames[Rng.PickWeighted(Demographics.SurnameWeights)].Surname;
        var birth = Earliest.AddDays(Rng.Next(Latest.DayNumber - Earliest.DayNumber + 1));
        var birthPlace = Rng.Pick(_provinces);
        if (HomeProvince is not null && PlaceRng!.Chance(BornInHomeProvince)) birthPlace = HomeProvince;
        var elderly = birth.Year < 1960;
        var person = new Person
        {
            RecordId = recordId,
            Name = NewName(surname, male),
            Male = male,
            Birth = birth,
            // The elderly were often registered long after birth, with only the year or the month known.
            RegistryPrecision = !elderly ? DatePrecision.Day : Rng.NextDouble() switch
            {
                < 0.20 => DatePrecision.Year,
                < 0.25 => DatePrecision.Month,
                _ => DatePrecision.Day,
            },
            BirthPlace = birthPlace,
            Hometown = Rng.Chance(0.95) ? NewHometown(Rng.Chance(0.7) ? birthPlace : Rng.Pick(_provinces)) : null,
            Ethnicity = Demographics.Ethnicities[Rng.PickWeighted(Demographics.EthnicityWeights)].Name,
            Address = Rng.Chance(0.97) ? NewAddress() : null,
            // The father usually passes on his surname.
            Father = Rng.Chance(elderly ? 0.80 : 0.93) ? NewName(Rng.Chance(0.96) ? surname : RandomSurname(), male: true) : null,
            Mother = Rng.Chance(elderly ? 0.85 : 0.95) ? NewName(RandomSurname(), male: false) : null,
        };
        AssignIds(person, Rng);
        if (Residences is not null && person.Address is not null) SetResidence(person, NewResidence(person.BirthPlace.Code));
        return person;
    }

    /// <summary>
    /// A structured address (from the address stream): in a one-province population 95 % in that province, otherwise
    /// 70 % in the province of birth; the rest anywhere.
    /// </summary>
    public Residence NewResidence(string birthProvinceCode, Rng? rng = null)
    {
        rng ??= Residences!.Rng;
        var code = HomeProvince is not null
            ? rng.Chance(LivingInHomeProvince) ? HomeProvince.Code : rng.Pick(AdministrativeMap.Provinces).Code
            : rng.Chance(0.7) ? birthProvinceCode : rng.Pick(AdministrativeMap.Provinces).Code;
        return Residences!.NewResidence(code, rng);
    }

    /// <summary>Gives <paramref name="person"/> the structured address <paramref name="home"/> and its registry text.</summary>
    public void SetResidence(Person person, Residence home)
    {
        person.Home = home;
        person.Address = RegistryAddressStyle == AddressStyle.Full
            ? Residences.WriteRegistry(home)
            : Residences.Write(home, RegistryAddressStyle, post2025: false, Residences!.Rng);
    }

    /// <summary>A twin: same parents, surname, date and places; another given name and own ID numbers.</summary>
    public Person NewTwin(Person first, string recordId)
    {
        var twin = first.CopyAs(recordId);
        twin.Male = Rng.Chance(0.5);
        do twin.Name = NewName(first.Name[0], twin.Male);
        while (twin.Name[^1] == first.Name[^1]);
        AssignIds(twin, Rng);
        return twin;
    }

    /// <summary>Gives <paramref name="person"/> the full name, gender and birth year of <paramref name="model"/> (trùng tên).</summary>
    public void MakeNamesake(Person person, Person model)
    {
        person.Name = model.Name;
        person.Male = model.Male;
        var start = new DateOnly(model.Birth.Year, 1, 1);
        do person.Birth = start.AddDays(Rng.Next(DateTime.IsLeapYear(start.Year) ? 366 : 365));
        while (person.Birth == model.Birth);
        AssignIds(person, Rng);
    }

    public string[] NewName(string surname, bool male)
    {
        var pool = male ? Demographics.BoyNames : Demographics.GirlNames;
        var rest = Rng.Pick(pool);
        var middles = male ? Demographics.MaleMiddles : Demographics.FemaleMiddles;
        var roll = Rng.NextDouble();
        if (rest.Length == 2 && roll < 0.40)
        {
            // "Văn Cơ" rather than "An Cơ": the common middle names replace the list's.
            return [surname, Rng.Pick(middles), rest[1]];
        }
        if (!male && rest.Length == 2 && roll < 0.55)
        {
            return [surname, "Thị", .. rest];
        }
        return [surname, .. rest];
    }

    public string RandomSurname() => Demographics.Surnames[Rng.PickWeighted(Demographics.SurnameWeights)].Surname;

    public string NewAddress()
    {
        var text = $"Số {Rng.Next(1, 300)}, đường {Rng.Pick(Demographics.PlaceWords)}, phường {Rng.Pick(Demographics.PlaceWords)}, ";
        var province = Rng.Pick(_provinces);
        if (HomeProvince is not null && PlaceRng!.Chance(LivingInHomeProvince)) province = HomeProvince;
        return text + province.Name;
    }

    private string NewHometown(Province province) => $"Xã {Rng.Pick(Demographics.PlaceWords)}, {province.Name}";

    /// <summary>
    /// Draws from <paramref name="rng"/> (the main stream, or a knob's own). The 12-digit number is province code + gender/century digit + two year digits + six serial digits. Most are
    /// issued in the province of birth; a few registry numbers carry a wrong year, as real ones sometimes do.
    /// </summary>
    public void AssignIds(Person person, Rng rng)
    {
        person.PersonalId = null;
        person.OldId = null;
        if (rng.Chance(0.98))
        {
            var province = rng.Chance(0.92) ? person.BirthPlace : rng.Pick(_provinces);
            var year = rng.Chance(0.995) ? person.Birth.Year : person.Birth.Year + 1;
            var centuryDigit = (year >= 2000 ? 2 : 0) + (person.Male ? 0 : 1);
            var prefix = long.Parse(province.Code, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000_000L + centuryDigit * 100_000_000L + year % 100 * 1_000_000L;
            long id;
            do id = prefix + rng.Next(1_000_000);
            while (!_personalIds.Add(id));
            person.PersonalId = id.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        }
        // Legacy 9-digit cards (CMND) were issued from age 14 until 2021.
        if (person.Birth.Year <= 2006 && rng.Chance(0.55))
        {
            int old;
            do old = rng.Next(10_000_000, 390_000_000);
            while (!_oldIds.Add(old));
            person.OldId = old.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
