using CccdRecon.Core.Dates;
using CccdRecon.Core.Places;

namespace CccdRecon.Cli.Generate;

/// <summary>One synthetic person as the registry truly knows them (công dân).</summary>
internal sealed class Person
{
    public required string RecordId { get; init; }
    /// <summary>Name syllables, title case, canonical tone placement: ["Nguyễn", "Văn", "Hòa"].</summary>
    public required string[] Name { get; set; }
    public required bool Male { get; set; }
    public required DateOnly Birth { get; set; }
    /// <summary>How much of <see cref="Birth"/> the registry holds (the elderly are often year-only).</summary>
    public DatePrecision RegistryPrecision { get; set; } = DatePrecision.Day;
    public string? PersonalId { get; set; }
    public string? OldId { get; set; }
    public required Province BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public required string Ethnicity { get; set; }
    public string? Address { get; set; }
    /// <summary>The permanent address in parts, when the generator draws structured addresses (an address style is set).</summary>
    public Residence? Home { get; set; }
    public string[]? Father { get; set; }
    public string[]? Mother { get; set; }

    public string RegistryDate => RegistryPrecision switch
    {
        DatePrecision.Day => Birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DatePrecision.Month => $"{Birth.Year:D4}-{Birth.Month:D2}",
        _ => $"{Birth.Year:D4}",
    };

    public Person CopyAs(string recordId) => new()
    {
        RecordId = recordId, Name = Name, Male = Male, Birth = Birth, RegistryPrecision = RegistryPrecision,
        PersonalId = PersonalId, OldId = OldId, BirthPlace = BirthPlace, Hometown = Hometown, Ethnicity = Ethnicity,
        Address = Address, Home = Home, Father = Father, Mother = Mother,
    };
}
