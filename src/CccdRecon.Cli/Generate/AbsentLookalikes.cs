namespace CccdRecon.Cli.Generate;

/// <summary>
/// Turns a share of the people absent from the registry into look-alikes of a registered person: what a careless
/// matcher links. Three kinds, drawn equally: the same full name, gender and birth year (trùng tên, another day; a
/// third of them in the same commune, as namesakes cluster where a family name is common);
/// the same date of birth (a third also share the surname); the same commune or household address (a neighbour, half
/// of them with the same surname). Each keeps its own ID numbers, parents and, except where shared, everything else.
/// Draws only from its own random stream.
/// </summary>
internal sealed class AbsentLookalikes(PersonFactory factory, Rng rng, double share)
{
    /// <summary>
    /// Disguises <paramref name="absent"/> as a look-alike of one of <paramref name="recent"/> (registered people)
    /// with probability <c>share</c>; returns its damage tags, or null when it stays as it was.
    /// </summary>
    public string[]? TryDisguise(Person absent, Person[] recent, int recentCount)
    {
        if (recentCount == 0 || !rng.Chance(share)) return null;
        var model = recent[rng.Next(Math.Min(recentCount, recent.Length))];
        switch (rng.Next(3))
        {
            case 0:
                SameNameAndYear(absent, model);
                return ["absent", DamageTags.AbsentNamesakeYear];
            case 1:
                SameDay(absent, model);
                return ["absent", DamageTags.AbsentSameDay];
            default:
                SameCommune(absent, model);
                return ["absent", DamageTags.AbsentSameCommune];
        }
    }

    private void SameNameAndYear(Person absent, Person model)
    {
        absent.Name = model.Name;
        absent.Male = model.Male;
        var start = new DateOnly(model.Birth.Year, 1, 1);
        do absent.Birth = start.AddDays(rng.Next(DateTime.IsLeapYear(start.Year) ? 366 : 365));
        while (absent.Birth == model.Birth);
        if (rng.Chance(0.5)) absent.BirthPlace = model.BirthPlace;
        if (rng.Chance(1.0 / 3)) MoveNextDoor(absent, model);
        absent.RegistryPrecision = Core.Dates.DatePrecision.Day;
        factory.AssignIds(absent, rng);
    }

    private void SameDay(Person absent, Person model)
    {
        absent.Birth = model.Birth;
        absent.RegistryPrecision = Core.Dates.DatePrecision.Day;
        if (rng.Chance(0.5)) absent.BirthPlace = model.BirthPlace;
        if (rng.Chance(1.0 / 3)) ShareSurname(absent, model);
        factory.AssignIds(absent, rng);
    }

    private void SameCommune(Person absent, Person model)
    {
        MoveNextDoor(absent, model);
        absent.Hometown = model.Hometown;
        absent.BirthPlace = model.BirthPlace;
        if (rng.Chance(0.5)) ShareSurname(absent, model);
        factory.AssignIds(absent, rng);
    }

    /// <summary>Half in the model's household, half next door (same commune); the whole address where there are no parts.</summary>
    private void MoveNextDoor(Person absent, Person model)
    {
        if (model.Home is { } home && factory.Residences is not null)
        {
            var neighbour = rng.Chance(0.5) ? home : Residences.NewResidenceIn(home.Commune, rng);
            absent.Home = neighbour;
            absent.Address = neighbour == home ? model.Address : Residences.WriteRegistry(neighbour);
        }
        else
        {
            absent.Address = model.Address;
        }
    }

    /// <summary>The model's surname, on the absent person and on their father.</summary>
    private static void ShareSurname(Person absent, Person model)
    {
        absent.Name = [model.Name[0], .. absent.Name[1..]];
        if (absent.Father is { } father) absent.Father = [model.Name[0], .. father[1..]];
    }
}
