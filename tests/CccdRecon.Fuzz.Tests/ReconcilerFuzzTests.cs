using CccdRecon.Core.Matching;
using CccdRecon.Fuzz.Tests.Harness;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static CccdRecon.Fuzz.Tests.Harness.PropertyViolation;

namespace CccdRecon.Fuzz.Tests;

/// <summary>
/// The engine entry: <see cref="Reconciler.Reconcile"/> never throws for bad data (only for a null form, as documented),
/// and always answers with a well-formed result. Forms are hostile values, or registry people with damaged fields so
/// the candidate search and every comparison run. The registry itself holds fuzzed records too.
/// </summary>
public sealed class ReconcilerFuzzTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(7));

    internal static readonly RegistryRecord[] People =
    [
        new() { RecordId = "R-HOA", PersonalId = "001090012345", OldId = "012345678", FullName = "Nguyễn Văn Hòa", DateOfBirth = "1990-03-12",
            Gender = "male", BirthPlace = "Hà Nội", FatherName = "Nguyễn Văn Bình", MotherName = "Trần Thị Lan", PermanentAddress = "12 Nguyễn Trãi, Thanh Xuân" },
        new() { RecordId = "R-MAI", PersonalId = "038185001111", FullName = "Lê Thị Mai", DateOfBirth = "1985-07-04", Gender = "female", BirthPlace = "Thanh Hóa",
            FatherName = "Lê Văn Toàn", MotherName = "Phạm Thị Hương" },
        new() { RecordId = "R-LAN", PersonalId = "038185002222", FullName = "Lê Thị Lan", DateOfBirth = "1985-07-04", Gender = "female", BirthPlace = "Thanh Hóa",
            FatherName = "Lê Văn Toàn", MotherName = "Phạm Thị Hương" },
        new() { RecordId = "R-QUY-A", PersonalId = "036075003333", FullName = "Trần Văn Quý", DateOfBirth = "1975-02-10", Gender = "male", BirthPlace = "Nam Định" },
        new() { RecordId = "R-QUY-B", PersonalId = "079075004444", FullName = "Trần Văn Quý", DateOfBirth = "1975-11-23", Gender = "male", BirthPlace = "Hồ Chí Minh" },
        new() { RecordId = "R-THUY", PersonalId = "048192005555", FullName = "Hoàng Thị Thủy", DateOfBirth = "1992-10-05", Gender = "female", BirthPlace = "Đà Nẵng" },
        new() { RecordId = "R-KHOE", FullName = "Phạm Văn Khỏe", DateOfBirth = "1938", Gender = "male", BirthPlace = "Thái Bình" },
        new() { RecordId = "R-HBIA", PersonalId = "066199001234", FullName = "Ksor H'Bia", DateOfBirth = "1999-01", Gender = null, BirthPlace = "Đắk Lắk" },
    ];

    private static readonly (RegistryIndex Index, Reconciler Reconciler) Engine = Build();

    [Fact]
    public void Reconcile_never_throws_and_always_answers_a_well_formed_result() =>
        Fuzzer.Values(output, "Reconciler.Reconcile", Form, form =>
        {
            var result = Engine.Reconciler.Reconcile(form);
            Require(result.FormId == form.FormId, "the result is for the form asked about");
            Require(Enum.IsDefined(result.Status), "the status is a defined value");
            Require(result.Score is >= 0 and <= 1, "the score is a probability");
            Require(result.Status == MatchStatus.NoMatch || result.RecordId is not null && Engine.Index.Get(result.RecordId) is not null,
                "a matched or ambiguous form names a record of the registry");
            Require(result.Status is not (MatchStatus.Clean or MatchStatus.Review) || result.RecordId is not null, "a match names its record");
            Require(result.Status != MatchStatus.Clean || result.Discrepancies.Count == 0 || result.Discrepancies.All(d => d.Field is not null),
                "discrepancies name their field");
            if (result.RecordId is not null && result.Status is MatchStatus.Clean or MatchStatus.Review)
            {
                _ = Reconciler.ComposeClean(form, Engine.Index.Get(result.RecordId)!);
            }
        }, Describe);

    [Fact]
    public void Reconcile_throws_only_the_documented_ArgumentNullException_for_a_null_form() =>
        Assert.Throws<ArgumentNullException>(() => Engine.Reconciler.Reconcile(null!));

    /// <summary>A form: a registry person with 1 to 4 fields replaced by hostile values, or hostile values throughout.</summary>
    internal static SurveyForm Form(Random rng)
    {
        var person = People[rng.Next(People.Length)];
        var form = new SurveyForm
        {
            FormId = rng.Next(20) == 0 ? Strings.Next(rng, Corpus.AllValues) : "F-" + rng.Next(1000),
            PersonalId = person.PersonalId ?? person.OldId, FullName = person.FullName, DateOfBirth = person.DateOfBirth, Gender = person.Gender,
            BirthPlace = person.BirthPlace, FatherName = person.FatherName, MotherName = person.MotherName, PermanentAddress = person.PermanentAddress,
        };

        var hostile = rng.Next(10) == 0;
        string? Value(string? current, string[] seeds) => hostile || rng.Next(3) == 0
            ? rng.Next(8) == 0 ? null : Strings.Next(rng, seeds)
            : current is null ? null : Strings.Mutate(rng, current, seeds, 1);

        for (var n = hostile ? 9 : rng.Next(1, 5); n > 0; n--)
        {
            form = rng.Next(9) switch
            {
                0 => form with { FullName = Value(form.FullName, Corpus.Names) },
                1 => form with { DateOfBirth = Value(form.DateOfBirth, Corpus.Dates) },
                2 => form with { PersonalId = Value(form.PersonalId, Corpus.Ids) },
                3 => form with { Gender = Value(form.Gender, Corpus.Genders) },
                4 => form with { BirthPlace = Value(form.BirthPlace, Corpus.Places) },
                5 => form with { FatherName = Value(form.FatherName, Corpus.Names) },
                6 => form with { MotherName = Value(form.MotherName, Corpus.Names) },
                7 => form with { PermanentAddress = Value(form.PermanentAddress, Corpus.Places) },
                _ => form with { Ethnicity = Value(form.Ethnicity, Corpus.AllValues), Hometown = Value(form.Hometown, Corpus.Places) },
            };
        }

        return form;
    }

    internal static Reconciler NewReconciler(RegistryIndex index)
    {
        var time = new FakeTimeProvider(Now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return new Reconciler(index, new MatchingOptions(), time);
    }

    /// <summary>The registry people and 300 fuzzed registry records (some refused by the index: that must not throw either).</summary>
    private static (RegistryIndex, Reconciler) Build()
    {
        var rng = new Random(FuzzSettings.SeedFor("RegistryIndex.AddRange"));
        var fuzzed = Enumerable.Range(0, 300).Select(i =>
        {
            var person = People[rng.Next(People.Length)];
            return person with
            {
                RecordId = "X-" + i,
                FullName = rng.Next(2) == 0 ? Strings.Mutate(rng, person.FullName, Corpus.Names, 2) : Strings.Next(rng, Corpus.Names, huge: false),
                DateOfBirth = rng.Next(2) == 0 ? person.DateOfBirth : Strings.Next(rng, Corpus.Dates, huge: false),
                PersonalId = rng.Next(2) == 0 ? person.PersonalId : Strings.Next(rng, Corpus.Ids, huge: false),
                Gender = rng.Next(2) == 0 ? person.Gender : Strings.Next(rng, Corpus.Genders, huge: false),
            };
        });

        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange([.. People, .. fuzzed], (_, _) => { });
        return (index, NewReconciler(index));
    }

    private static string Describe(SurveyForm form) =>
        $"FormId {Fuzzer.Render(form.FormId)}, FullName {Render(form.FullName)}, DateOfBirth {Render(form.DateOfBirth)}, " +
        $"PersonalId {Render(form.PersonalId)}, Gender {Render(form.Gender)}, BirthPlace {Render(form.BirthPlace)}, " +
        $"FatherName {Render(form.FatherName)}, MotherName {Render(form.MotherName)}, PermanentAddress {Render(form.PermanentAddress)}, " +
        $"Ethnicity {Render(form.Ethnicity)}, Hometown {Render(form.Hometown)}";

    private static string Render(string? value) => value is null ? "null" : Fuzzer.Render(value);
}
