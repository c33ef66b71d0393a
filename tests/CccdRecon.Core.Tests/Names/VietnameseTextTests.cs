using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Đặng Thị Ánh", "dang thi anh")]
    [InlineData("NGUYỄN VĂN ĐỨC", "nguyen van duc")]
    [InlineData("Trương Quốc Khánh", "truong quoc khanh")]
    [InlineData("Ưng Ỷ Ơn", "ung y on")]
    [InlineData("đ Đ", "d d")]
    [InlineData("Nguyen Van Hoa", "nguyen van hoa")]
    public void Fold_removes_every_diacritic_and_maps_d_with_stroke(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Fold_accepts_nfd() =>
        Assert.Equal("dang thi anh", VietnameseText.Fold("Đặng Thị Ánh".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Nguyễn", true)]
    [InlineData("Đinh", true)]
    [InlineData("Lê", true)]
    [InlineData("Hòa", true)]
    [InlineData("Nguyen Van Hoa", false)]
    [InlineData("Mai Lan Anh", false)]
    [InlineData("H'Hen", false)]
    public void HasDiacritics_sees_any_mark_including_d_with_stroke(string text, bool expected) =>
        Assert.Equal(expected, VietnameseText.HasDiacritics(text));

    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("hòa", "hòa")]
    [InlineData("thuỷ", "thủy")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("xoã", "xõa")]
    [InlineData("huỷ", "hủy")]
    [InlineData("quý", "quý")]
    [InlineData("qúy", "quý")]
    [InlineData("quỳnh", "quỳnh")]
    [InlineData("già", "già")]
    [InlineData("gìa", "già")]
    [InlineData("giàu", "giàu")]
    [InlineData("gìn", "gìn")]
    [InlineData("hoàng", "hoàng")]
    [InlineData("hòang", "hoàng")]
    [InlineData("nguyễn", "nguyễn")]
    [InlineData("ngũyen", "ngũyen")]   // tone on the wrong vowel of an invalid rhyme: left alone
    [InlineData("trừơng", "trường")]
    [InlineData("ngoài", "ngoài")]
    [InlineData("ngòai", "ngoài")]
    [InlineData("tuấn", "tuấn")]
    [InlineData("mùa", "mùa")]
    [InlineData("HOÀ", "HÒA")]
    [InlineData("ksor", "ksor")]
    public void Canonical_tone_placement(string syllable, string expected) =>
        Assert.Equal(expected, VietnameseText.CanonicalToneplacement(syllable));

    [Theory]
    [InlineData("  NGUYỄN   Văn\tHOÀ ", "nguyễn văn hòa")]
    [InlineData("Lê Thị Thuỷ", "lê thị thủy")]
    public void Canonicalize_lowers_collapses_and_places_tones(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Canonicalize(text));

    [Fact]
    public void Canonicalize_composes_nfd() =>
        Assert.Equal("nguyễn văn hòa", VietnameseText.Canonicalize("Nguyễn Văn Hoà".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("h'hen", "H'Hen")]
    [InlineData("nguyễn", "Nguyễn")]
    [InlineData("đức", "Đức")]
    public void ToTitleCase_capitalizes_each_part(string syllable, string expected) =>
        Assert.Equal(expected, VietnameseText.ToTitleCase(syllable));
}
