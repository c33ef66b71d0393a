using CccdRecon.Core.Addresses;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;
using CccdRecon.Fuzz.Tests.Harness;
using Xunit.Abstractions;
using static CccdRecon.Fuzz.Tests.Harness.PropertyViolation;

namespace CccdRecon.Fuzz.Tests;

/// <summary>
/// The value parsers promise never to throw: unreadable input comes back as an unreadable result that says why.
/// Each target gets <see cref="FuzzSettings.Iterations"/> generated inputs.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void PersonName_Parse_never_throws_and_explains_every_unreadable_name() =>
        Fuzzer.Strings(output, "PersonName.Parse", rng => Strings.Next(rng, Corpus.Names), raw =>
        {
            var name = PersonName.Parse(raw);
            Require(name.Raw == raw, "Raw is the text exactly as keyed");
            if (!name.IsReadable)
            {
                Require(!string.IsNullOrEmpty(name.Problem), "an unreadable name says why");
                return;
            }

            Require(name.Problem is null, "a readable name has no problem");
            Require(name.Syllables.Count > 0 && name.Syllables.Count == name.FoldedSyllables.Count, "syllables and folded syllables line up");
            Require(name.Key == string.Join(' ', name.Syllables), "Key is the syllables joined by single spaces");
            Require(name.Display.Length == name.Key.Length, "Display is Key in title case");
            Require(name.Surname.Length > 0, "a readable name has a surname");
            _ = name.MiddleNames;
            _ = name.GivenName;
        });

    [Fact]
    public void NameComparer_Compare_never_throws_and_a_name_agrees_with_itself() =>
        Fuzzer.Pairs(output, "NameComparer.Compare", rng =>
        {
            var form = Strings.Next(rng, Corpus.Names);
            var registry = rng.Next(3) == 0 ? Strings.Next(rng, Corpus.Names) : Strings.Mutate(rng, form, Corpus.Names, rng.Next(1, 3));
            return (form, registry);
        }, pair =>
        {
            var form = PersonName.Parse(pair.Item1);
            var registry = PersonName.Parse(pair.Item2);
            var comparison = NameComparer.Compare(form, registry);
            Require(comparison.JaroWinkler is >= 0 and <= 1, "Jaro–Winkler is between 0 and 1");
            Require(Enum.IsDefined(comparison.Agreement), "the agreement is a defined value");
            Require(comparison.Detail is { Length: > 0 }, "the comparison explains itself");
            Require(form.IsReadable && registry.IsReadable || comparison.Agreement == NameAgreement.Different, "an unreadable name is Different");
            if (form.IsReadable)
            {
                Require(NameComparer.Compare(form, PersonName.Parse(pair.Item1)).IsCosmetic, "a name agrees with itself");
            }
        });

    [Fact]
    public void VietnameseText_TryDecodeLegacy_never_throws_and_leaves_undecoded_text_unchanged() =>
        Fuzzer.Strings(output, "VietnameseText.TryDecodeLegacy", rng => Strings.Next(rng, Corpus.Names), text =>
        {
            var decodedAny = VietnameseText.TryDecodeLegacy(text, out var decoded, out var encoding);
            Require(decoded is not null, "decoded is never null");
            Require(decodedAny ? encoding != LegacyEncoding.None : encoding == LegacyEncoding.None && decoded == text,
                "false leaves the text unchanged; true names the encoding");
        });

    [Fact]
    public void BirthDate_Parse_never_throws_and_returns_only_real_dates() =>
        Fuzzer.Strings(output, "BirthDate.Parse", rng => Strings.Next(rng, Corpus.Dates), raw =>
        {
            var result = BirthDate.Parse(raw, Today);
            if (result.Date is not { } date)
            {
                Require(!string.IsNullOrEmpty(result.Problem), "an unreadable date says why");
                return;
            }

            Require(result.Problem is null, "a readable date has no problem");
            Require(date.Year is >= 1880 && date.Year <= Today.Year, "the year is plausible for a living person");
            Require(date.Month is null or >= 1 and <= 12, "the month is 1 to 12");
            Require(date.Day is null || date.ToDateOnly() is not null, "a day-precise date is a real calendar date");
            Require(BirthDate.Parse(date.ToIso(), Today).Date == date, "the ISO form reads back as the same date");
        });

    [Fact]
    public void BirthDateComparer_Compare_never_throws_on_any_pair_of_dates() =>
        Fuzzer.Values(output, "BirthDateComparer.Compare", rng => (Form: AnyDate(rng), Registry: AnyDate(rng)), pair =>
        {
            var agreement = BirthDateComparer.Compare(pair.Form, pair.Registry);
            Require(Enum.IsDefined(agreement), "the agreement is a defined value");
            Require(BirthDateComparer.Compare(pair.Form, pair.Form) == DateAgreement.Equal, "a date equals itself");
        }, pair => $"form {Describe(pair.Form)}, registry {Describe(pair.Registry)}");

    [Fact]
    public void PersonalIdNumber_Parse_never_throws_and_never_quotes_the_number_in_a_problem() =>
        Fuzzer.Strings(output, "PersonalIdNumber.Parse", rng => Strings.Next(rng, Corpus.Ids), raw =>
        {
            var id = PersonalIdNumber.Parse(raw);
            Require(id.Digits.All(char.IsAsciiDigit), "Digits holds only ASCII digits");
            if (id.IsValid)
            {
                Require(id.Digits.Length is PersonalIdNumber.PersonalLength or PersonalIdNumber.LegacyLength, "a valid number has 12 or 9 digits");
            }
            else
            {
                Require(!string.IsNullOrEmpty(id.Problem), "an invalid number says why");
            }

            Require(id.Problem is null || id.Digits.Length < 4 || !id.Problem.Contains(id.Digits, StringComparison.Ordinal),
                "a problem never quotes the number (problems reach reports and logs)");
        });

    [Fact]
    public void GenderParser_Parse_never_throws() =>
        Fuzzer.Strings(output, "GenderParser.Parse", rng => Strings.Next(rng, Corpus.Genders), raw =>
        {
            var gender = GenderParser.Parse(raw);
            Require(gender is null or Gender.Male or Gender.Female, "a gender is read as male, female or not at all");
        });

    [Fact]
    public void Province_Find_never_throws() =>
        Fuzzer.Strings(output, "Province.Find", rng => Strings.Next(rng, Corpus.Places), raw =>
        {
            var province = Province.Find(raw);
            Require(province is null || Province.All.Contains(province), "a province found is one of the 63");
        });

    [Fact]
    public void VietnameseAddress_Parse_never_throws() =>
        Fuzzer.Strings(output, "VietnameseAddress.Parse", rng => Strings.Next(rng, Corpus.Places), raw =>
        {
            var address = VietnameseAddress.Parse(raw);
            var self = AddressComparer.Compare(address, address);
            Require(self.Level == address.TopLevel, "an address reaches its top level compared with itself");
            Require(self.FirstDifference is null, "an address never differs from itself");
            Require(address.Province is null || Province.All.Contains(address.Province), "a province read is one of the 63");
            _ = AddressComparer.Explain(address, VietnameseAddress.Parse("Xóm 4, xã La Bằng, tỉnh Thái Nguyên"));
        });

    /// <summary>Any date a caller can construct: parsed ones, plausible ones, and out-of-range ints.</summary>
    private static BirthDate AnyDate(Random rng)
    {
        if (rng.Next(3) == 0 && BirthDate.Parse(Strings.Next(rng, Corpus.Dates), Today).Date is { } parsed)
        {
            return parsed;
        }

        int[] edges = [int.MinValue, -1, 0, 1, 2, 12, 13, 28, 29, 30, 31, 32, 1879, 1880, 1900, 2199, 2200, 9998, 9999, 10000, int.MaxValue];
        int Pick(int low, int high) => rng.Next(4) == 0 ? edges[rng.Next(edges.Length)] : rng.Next(low, high);
        var year = Pick(1880, 2030);
        int? month = rng.Next(4) == 0 ? null : Pick(1, 13);
        int? day = rng.Next(4) == 0 ? null : Pick(1, 32);
        return new BirthDate(year, month, day);
    }

    private static string Describe(BirthDate date) => $"BirthDate({date.Year}, {date.Month?.ToString() ?? "null"}, {date.Day?.ToString() ?? "null"})";
}
