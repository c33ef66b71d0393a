using CccdRecon.Core.Places;

namespace CccdRecon.Core.Tests.Places;

public sealed class UnitCodeTests
{
    [Theory]
    [InlineData("01")]
    [InlineData("164")]
    [InlineData("05443")]
    public void Province_district_and_commune_codes_are_valid(string code) => Assert.True(UnitCodes.IsValid(code));

    [Theory]
    [InlineData("٠٥٤٤٣")]       // Arabic-Indic digits
    [InlineData("۰۵۴۴۳")]       // Extended Arabic-Indic
    [InlineData("０５４４３")]   // full-width
    [InlineData("०५४४३")]       // Devanagari
    [InlineData("05443\n")]     // $ would match before the line break
    [InlineData("0544")]
    [InlineData("054430")]
    [InlineData(" 05443")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_2_3_or_5_ascii_digits_is_refused(string? code) => Assert.False(UnitCodes.IsValid(code));
}
