using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class NameKnowledgeTests
{
    [Theory]
    [InlineData("Hoàng", "Huỳnh", true)]
    [InlineData("huỳnh", "HOÀNG", true)]
    [InlineData("Vũ", "Võ", true)]
    [InlineData("VO", "Vũ", true)]
    [InlineData("hoang", "huynh", true)]
    [InlineData("Hoàng", "Hoàng", false)]
    [InlineData("Hồ", "Hoàng", false)]
    [InlineData("Vũ", "Vương", false)]
    [InlineData("Hoan", "Huỳnh", false)]
    [InlineData("Vù", "Võ", false)]       // with diacritics the exact pair is required
    public void Knows_the_regional_surname_pairs(string a, string b, bool expected)
    {
        Assert.Equal(expected, NameKnowledge.AreRegionalSurnameVariants(a, b));
        Assert.Equal(expected, NameKnowledge.AreRegionalSurnameVariants(b, a));
    }

    [Theory]
    [InlineData("hoàng", "huỳnh")]
    [InlineData("Huỳnh", "hoàng")]
    [InlineData("vũ", "võ")]
    [InlineData("võ", "vũ")]
    [InlineData("VU", "vo")]
    [InlineData("hoang", "huynh")]
    [InlineData("nguyễn", null)]
    [InlineData("trần", null)]
    public void Gives_the_regional_counterpart(string surname, string? counterpart) =>
        Assert.Equal(counterpart, NameKnowledge.RegionalCounterpart(surname));

    [Theory]
    [InlineData("Văn", true)]
    [InlineData("thị", true)]
    [InlineData("THI", true)]
    [InlineData("Hữu", true)]
    [InlineData("duc", true)]
    [InlineData("Ngọc", true)]
    [InlineData("Minh", true)]
    [InlineData("Quang", true)]
    [InlineData("Thanh", true)]
    [InlineData("Xuân", true)]
    [InlineData("Công", true)]
    [InlineData("Đình", true)]
    [InlineData("Hòa", false)]
    [InlineData("Nguyễn", false)]
    [InlineData("Thì", false)]
    public void Knows_common_middle_names(string syllable, bool expected) =>
        Assert.Equal(expected, NameKnowledge.IsCommonMiddleName(syllable));
}
