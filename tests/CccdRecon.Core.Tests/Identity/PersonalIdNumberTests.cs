using CccdRecon.Core.Identity;

namespace CccdRecon.Core.Tests.Identity;

public sealed class PersonalIdNumberTests
{
    [Theory]
    [InlineData("001090012345", "001", Gender.Male, 1990)]     // Hà Nội, man born 1990
    [InlineData("079185004321", "079", Gender.Female, 1985)]   // TP Hồ Chí Minh, woman born 1985
    [InlineData("038303000111", "038", Gender.Female, 2003)]   // Thanh Hóa, girl born 2003
    [InlineData("038205000111", "038", Gender.Male, 2005)]
    [InlineData("046200007777", "046", Gender.Male, 2000)]     // Thừa Thiên Huế, boy born 2000
    [InlineData("001999001234", "001", Gender.Female, 1899)]   // 9 = woman born in the 1800s
    [InlineData("001888001234", "001", Gender.Male, 1888)]
    [InlineData("096410001234", "096", Gender.Male, 2110)]     // 4/5 = 2100s
    [InlineData("096705001234", "096", Gender.Female, 2205)]   // 6/7 = 2200s
    public void Decodes_province_gender_and_full_birth_year(string raw, string province, Gender gender, int year)
    {
        var id = PersonalIdNumber.Parse(raw);

        Assert.True(id.IsValid);
        Assert.Equal(IdNumberKind.Personal12, id.Kind);
        Assert.Equal(raw, id.Digits);
        Assert.Equal(province, id.ProvinceCode);
        Assert.Equal(gender, id.Gender);
        Assert.Equal(year, id.BirthYear);
    }

    [Theory]
    [InlineData("001 090 012 345")]
    [InlineData("001.090.012.345")]
    [InlineData("  001090012345 ")]
    [InlineData("0010 9001 2345")]
    public void Accepts_spaces_and_dots_as_keyed(string raw)
    {
        var id = PersonalIdNumber.Parse(raw);

        Assert.True(id.IsValid);
        Assert.Equal("001090012345", id.Digits);
        Assert.Equal(1990, id.BirthYear);
    }

    [Theory]
    [InlineData("012345678")]
    [InlineData("012 345 678")]
    [InlineData("172.345.678")]
    public void Recognises_a_nine_digit_legacy_card_number(string raw)
    {
        var id = PersonalIdNumber.Parse(raw);

        Assert.Equal(IdNumberKind.Legacy9, id.Kind);
        Assert.True(id.IsValid);
        Assert.Equal(9, id.Digits.Length);
        Assert.Null(id.BirthYear);
        Assert.Null(id.IsConsistentWith(Gender.Male, 1960));
    }

    [Fact]
    public void An_unknown_province_code_is_a_problem_but_still_decoded()
    {
        // 003 was never assigned (the codes skip it), 099 is past the last province (096 Cà Mau).
        foreach (var raw in new[] { "003090012345", "099090012345", "000090012345" })
        {
            var id = PersonalIdNumber.Parse(raw);

            Assert.Equal(IdNumberKind.Personal12, id.Kind);
            Assert.False(id.IsValid);
            Assert.Contains("province", id.Problem);
            Assert.Null(id.ProvinceCode);
            Assert.Null(id.IsConsistentWith(Gender.Male, 1990));
        }
    }

    [Theory]
    [InlineData("0010900123456", "13 digits")]
    [InlineData("0010900123", "10 digits")]
    [InlineData("00109001234A", "character other than digits")]
    [InlineData("CCCD 001090012345", "character other than digits")]
    [InlineData("001-090-012-345", "character other than digits")]
    [InlineData("001090\t012345", "control character")]
    [InlineData("001090012345\n", "control character")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    public void Rejects_malformed_input_with_a_clear_problem_that_never_quotes_it(string? raw, string problem)
    {
        var id = PersonalIdNumber.Parse(raw);

        Assert.Equal(IdNumberKind.Unreadable, id.Kind);
        Assert.False(id.IsValid);
        Assert.Contains(problem, id.Problem);
        Assert.DoesNotContain("0010900", id.Problem);
    }

    [Fact]
    public void Rejects_absurdly_long_input_without_scanning_it()
    {
        var id = PersonalIdNumber.Parse(new string('1', 100_000));

        Assert.Equal(IdNumberKind.Unreadable, id.Kind);
        Assert.Contains("too long", id.Problem);
    }

    [Fact]
    public void Rejects_non_ascii_digits()
    {
        // Arabic-Indic and full-width digits are digits to char.IsDigit but not in an ID number.
        Assert.Equal(IdNumberKind.Unreadable, PersonalIdNumber.Parse("٠٠١٠٩٠٠١٢٣٤٥").Kind);
        Assert.Equal(IdNumberKind.Unreadable, PersonalIdNumber.Parse("００１０９００１２３４５").Kind);
    }

    [Fact]
    public void Cross_checks_gender_and_birth_year_with_a_record()
    {
        var id = PersonalIdNumber.Parse("038185004321"); // Thanh Hóa, woman born 1985

        Assert.True(id.IsConsistentWith(Gender.Female, 1985));
        Assert.True(id.IsConsistentWith(Gender.Unknown, 1985));
        Assert.False(id.IsConsistentWith(Gender.Male, 1985));
        Assert.False(id.IsConsistentWith(Gender.Female, 1958));
        Assert.False(id.IsConsistentWith(Gender.Female, 2085));
        Assert.Null(PersonalIdNumber.Parse("0381850043").IsConsistentWith(Gender.Female, 1985));
    }
}

public sealed class PersonalIdComparerTests
{
    [Theory]
    [InlineData("001090012345", "001090012345", IdAgreement.Equal)]
    [InlineData("001 090 012 345", "001090012345", IdAgreement.Equal)]
    [InlineData("001090012354", "001090012345", IdAgreement.Transposition)]
    [InlineData("010090012345", "001090012345", IdAgreement.Transposition)]
    [InlineData("001090012346", "001090012345", IdAgreement.OneDigit)]
    [InlineData("101090012345", "001090012345", IdAgreement.OneDigit)]
    [InlineData("001090012543", "001090012345", IdAgreement.Different)] // 3 and 5 swapped over a digit: not adjacent
    [InlineData("001090021354", "001090012345", IdAgreement.Different)] // two transpositions
    [InlineData("001090012355", "001090012346", IdAgreement.Different)]  // two digits differ, not a swap
    [InlineData("079185004321", "001090012345", IdAgreement.Different)]
    [InlineData("012345678", "001090012345", IdAgreement.Different)]    // legacy against 12-digit
    [InlineData("012345678", "012345678", IdAgreement.Equal)]
    [InlineData("012345687", "012345678", IdAgreement.Transposition)]
    [InlineData("", "001090012345", IdAgreement.Different)]
    [InlineData("", "", IdAgreement.Different)]
    public void Classifies_how_two_numbers_differ(string form, string registry, IdAgreement expected)
    {
        Assert.Equal(expected, PersonalIdComparer.Compare(form, registry));
    }
}
