using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class LetterCaseTests
{
    [Fact]
    public void Every_character_maps_as_the_invariant_culture_does()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            Assert.Equal(char.ToUpperInvariant(ch), LetterCase.ToUpper(ch));
            Assert.Equal(char.ToLowerInvariant(ch), LetterCase.ToLower(ch));
        }
    }

    [Theory]
    [InlineData("NGUYỄN VĂN HÒA", "nguyễn văn hòa")]
    [InlineData("ĐẶNG THỊ ÁNH", "đặng thị ánh")]
    [InlineData("Ưng Hoàng Phúc", "ưng hoàng phúc")]
    [InlineData("𐐀𐐁 Deseret", "𐐨𐐩 deseret")] // astral letters change case as surrogate pairs
    public void Lowers_text_as_the_invariant_culture_does(string text, string expected)
    {
        var lowered = new char[text.Length];
        LetterCase.ToLower(text, lowered);
        Assert.Equal(expected, new string(lowered));
        Assert.Equal(text.ToLowerInvariant(), new string(lowered));
    }
}
