using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class PersonNameParseTests
{
    [Theory]
    [InlineData("Nguyễn Văn Hòa", "nguyễn", new[] { "văn" }, "hòa")]
    [InlineData("Trần Thị Ngọc Ánh", "trần", new[] { "thị", "ngọc" }, "ánh")]
    [InlineData("Lê Minh", "lê", new string[0], "minh")]
    [InlineData("Tôn Nữ Thị Hoàng Oanh", "tôn", new[] { "nữ", "thị", "hoàng" }, "oanh")]
    public void Splits_surname_middle_names_and_given_name(string raw, string surname, string[] middle, string given)
    {
        var name = PersonName.Parse(raw);

        Assert.True(name.IsReadable);
        Assert.Equal(surname, name.Surname);
        Assert.Equal(middle, name.MiddleNames);
        Assert.Equal(given, name.GivenName);
    }

    [Fact]
    public void A_single_syllable_is_a_readable_surname_only()
    {
        var name = PersonName.Parse("Lò");

        Assert.True(name.IsReadable);
        Assert.Null(name.Problem);
        Assert.Equal("lò", name.Surname);
        Assert.Equal("", name.GivenName);
        Assert.Empty(name.MiddleNames);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hòa")]
    [InlineData("Đặng Thị Ánh")]
    [InlineData("H'Hen Niê")]
    [InlineData("Quách Quý")]
    public void Canonical_title_case_input_needs_no_normalization(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.Empty(name.Normalizations);
        Assert.Equal(raw, name.Display);
        Assert.Equal(LegacyEncoding.None, name.DecodedFrom);
    }

    [Fact]
    public void Exposes_canonical_and_folded_forms()
    {
        var name = PersonName.Parse("Đặng Thị Ánh");

        Assert.Equal(["đặng", "thị", "ánh"], name.Syllables);
        Assert.Equal(["dang", "thi", "anh"], name.FoldedSyllables);
        Assert.Equal("đặng thị ánh", name.Key);
        Assert.Equal("dang thi anh", name.FoldedKey);
        Assert.Equal("Đặng Thị Ánh", name.Display);
        Assert.Equal("Đặng Thị Ánh", name.ToString());
        Assert.True(name.HasDiacritics);
    }

    [Theory]
    [InlineData("KIE\u0300\u0302U MINH LO\u0301\u0302C", "Kiều Minh Lốc")]   // tone typed before the circumflex
    [InlineData("Tra\u0300\u0306ng", "Trằng")]                                 // and before the breve
    public void Decomposed_marks_in_either_order_compose(string keyed, string display)
    {
        // Regression: a tone mark keyed before the vowel's circumflex left "LÓ̂C" after NFC, and the name was unreadable.
        var name = PersonName.Parse(keyed);
        Assert.True(name.IsReadable, name.Problem);
        Assert.Equal(display, name.Display);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hòa")]
    [InlineData("Phạm Thị Thủy")]
    [InlineData("Trương Quốc Khánh")]
    [InlineData("Đỗ Thị Ứng")]
    public void Nfd_input_is_composed_to_nfc(string canonical)
    {
        string nfd = canonical.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(canonical, nfd);

        var name = PersonName.Parse(nfd);

        Assert.Equal(canonical, name.Display);
        Assert.Equal(PersonName.Parse(canonical).Key, name.Key);
        Assert.Equal(["Unicode NFD to NFC"], name.Normalizations);
    }

    [Theory]
    [InlineData("NGUYỄN VĂN HÒA", "Nguyễn Văn Hòa")]
    [InlineData("nguyễn văn hòa", "Nguyễn Văn Hòa")]
    [InlineData("nGUYỄN vĂN hÒA", "Nguyễn Văn Hòa")]
    [InlineData("ĐỖ THỊ ỨNG", "Đỗ Thị Ứng")]
    [InlineData("h'hen niê", "H'Hen Niê")]
    public void Letter_case_is_folded_to_title_case(string raw, string display)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal(display, name.Display);
        Assert.Equal(["letter case"], name.Normalizations);
    }

    [Theory]
    [InlineData("  Nguyễn Văn Hòa")]
    [InlineData("Nguyễn Văn Hòa  ")]
    [InlineData("Nguyễn   Văn Hòa")]
    [InlineData("Nguyễn\tVăn Hòa")]
    [InlineData("Nguyễn\u00A0Văn Hòa")]
    [InlineData(" \t Nguyễn  \t Văn    Hòa \t ")]
    public void Spacing_is_collapsed(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal("Nguyễn Văn Hòa", name.Display);
        Assert.Equal(3, name.Syllables.Count);
        Assert.Equal(["spacing"], name.Normalizations);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hoà", "Nguyễn Văn Hòa")]
    [InlineData("Lê Thị Thuỷ", "Lê Thị Thủy")]
    [InlineData("Trần Văn Khoẻ", "Trần Văn Khỏe")]
    [InlineData("Phan Thị Thoả", "Phan Thị Thỏa")]
    [InlineData("Võ Văn Tuý", "Võ Văn Túy")]
    [InlineData("Hồ Thị Loè", "Hồ Thị Lòe")]
    public void Tone_placement_on_oa_oe_uy_is_made_canonical(string raw, string display)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal(display, name.Display);
        Assert.Equal(["tone-mark placement"], name.Normalizations);
    }

    [Theory]
    [InlineData("Huỳnh Ngọc Quý")]
    [InlineData("Lê Văn Già")]
    [InlineData("Nguyễn Như Quỳnh")]
    [InlineData("Trần Văn Giàu")]
    [InlineData("Đoàn Văn Toản")]
    [InlineData("Bùi Thị Khuyến")]
    [InlineData("Ngô Văn Thuở")]
    [InlineData("Lê Văn Giữ")]
    [InlineData("Nguyễn Thị Quả")]
    [InlineData("Đinh Thị Nghĩa")]
    public void Qu_and_gi_are_initials_and_canonical_names_keep_their_tone(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal(raw, name.Display);
        Assert.DoesNotContain("tone-mark placement", name.Normalizations);
    }

    [Fact]
    public void Several_steps_are_reported_in_a_fixed_order()
    {
        string raw = "  NGUYỄN   VĂN HOÀ ".Normalize(NormalizationForm.FormD);

        var name = PersonName.Parse(raw);

        Assert.Equal("Nguyễn Văn Hòa", name.Display);
        Assert.Equal(["Unicode NFD to NFC", "tone-mark placement", "letter case", "spacing"], name.Normalizations);
    }

    [Theory]
    [InlineData("NGUYEN VAN HOA", "Nguyen Van Hoa", new[] { "letter case", "no diacritics" })]
    [InlineData("Tran Thi Mai", "Tran Thi Mai", new[] { "no diacritics" })]
    [InlineData("ksor h'bia", "Ksor H'Bia", new[] { "letter case", "no diacritics" })]
    public void A_name_without_any_diacritics_is_marked(string raw, string display, string[] steps)
    {
        var name = PersonName.Parse(raw);

        Assert.False(name.HasDiacritics);
        Assert.Equal(display, name.Display);
        Assert.Equal(name.Key, name.FoldedKey);
        Assert.Equal(steps, name.Normalizations);
    }

    [Theory]
    [InlineData("H\u2019Hen Niê")]
    [InlineData("H\u02BCHen Niê")]
    public void Typographic_apostrophes_become_ascii(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal("H'Hen Niê", name.Display);
        Assert.Equal(["punctuation"], name.Normalizations);
    }

    [Fact]
    public void Raw_text_is_kept_exactly_as_keyed()
    {
        const string raw = "  NGUYÔN V¡N §øC ";

        var name = PersonName.Parse(raw);

        Assert.Equal(raw, name.Raw);
        Assert.Equal("Nguyễn Văn Đức", name.Display);
    }
}
