using System.Text;
using CccdRecon.Core.Names;
using K = CccdRecon.Core.Names.DifferenceKind;

namespace CccdRecon.Core.Tests.Names;

/// <summary>Each Vietnamese kind of difference is named as staff name it, and the alignment shows where it is.</summary>
public sealed class TextDifferenceTests
{
    private static void AssertKinds(string form, string registry, params DifferenceKind[] expected)
        => Assert.Equal(expected, TextDifferences.Compare(form, registry).Kinds);

    [Fact]
    public void Identical_texts_have_no_difference()
    {
        var same = TextDifferences.Compare("Nguyễn Văn Hòa", "Nguyễn Văn Hòa");
        Assert.True(same.IsIdentical);
        Assert.Equal(DiffOperation.Same, Assert.Single(same.Segments).Operation);
    }

    [Fact]
    public void Decomposed_text_is_an_invisible_difference()
    {
        var nfd = "Nguyễn Văn Hòa".Normalize(NormalizationForm.FormD);
        var difference = TextDifferences.Compare(nfd, "Nguyễn Văn Hòa");
        Assert.Equal([K.UnicodeForm], difference.Kinds);
        Assert.True(difference.IsInvisible);
        Assert.True(difference.IsCosmetic);
        Assert.All(difference.Segments, s => Assert.Equal(DiffOperation.Same, s.Operation));
    }

    [Fact]
    public void Old_and_new_tone_placement_is_named_as_placement()
    {
        var difference = TextDifferences.Compare("Nguyễn Văn Hoà", "Nguyễn Văn Hòa");
        Assert.Equal([K.TonePlacement], difference.Kinds);
        Assert.True(difference.IsCosmetic);
        var changed = difference.Segments.Where(s => s.Operation == DiffOperation.Changed).ToList();
        Assert.Equal("oà", string.Concat(changed.Select(s => s.Form)));
        Assert.Equal("òa", string.Concat(changed.Select(s => s.Registry)));
        AssertKinds("Trần Thị Thuỷ", "Trần Thị Thủy", K.TonePlacement);
        AssertKinds("HOÀ", "Hòa", K.LetterCase, K.TonePlacement);
    }

    [Fact]
    public void Another_tone_on_the_same_vowel_is_tone_only()
    {
        var difference = TextDifferences.Compare("Nguyễn Văn Hóa", "Nguyễn Văn Hòa");
        Assert.True(difference.IsToneOnly);
        Assert.False(difference.IsCosmetic);
        var changed = Assert.Single(difference.Segments, s => s.Operation == DiffOperation.Changed);
        Assert.Equal(("ó", "ò"), (changed.Form, changed.Registry));
        AssertKinds("Lê Văn Tuân", "Lê Văn Tuấn", K.Tone);
        AssertKinds("Trần Thi Lan", "Trần Thị Lan", K.Tone);
    }

    [Fact]
    public void A_name_keyed_without_diacritics_is_missing_diacritics_not_misspelt()
    {
        AssertKinds("NGUYEN VAN HOA", "Nguyễn Văn Hòa", K.LetterCase, K.MissingDiacritics);
        AssertKinds("Dang Thi Ha", "Đặng Thị Hà", K.MissingDiacritics);
        Assert.True(TextDifferences.Compare("nguyen van hoa", "Nguyễn Văn Hòa").IsCosmetic);
    }

    [Fact]
    public void D_for_Đ_in_text_with_diacritics_is_named_as_such()
        => AssertKinds("Dặng Thị Hà", "Đặng Thị Hà", K.DStroke);

    [Fact]
    public void Another_vowel_letter_is_a_vowel_mark_difference()
    {
        AssertKinds("Lê Văn Tuan", "Lê Văn Tuấn", K.Tone, K.VowelMark);
        AssertKinds("Phạm Thị Hông", "Phạm Thị Hồng", K.Tone);
        AssertKinds("Phạm Thi Hơng", "Phạm Thi Hồng", K.Tone, K.VowelMark);
    }

    [Fact]
    public void Case_and_spacing_are_cosmetic()
    {
        AssertKinds("nguyễn văn hòa", "Nguyễn Văn Hòa", K.LetterCase);
        AssertKinds("Nguyễn  Văn Hòa ", "Nguyễn Văn Hòa", K.Spacing);
        AssertKinds("Nguyễn\u00A0Văn Hòa", "Nguyễn Văn Hòa", K.Spacing);
        Assert.True(TextDifferences.Compare("NGUYỄN  VĂN HÒA", "Nguyễn Văn Hòa").IsCosmetic);
    }

    [Fact]
    public void A_missing_word_is_letters_not_spacing()
    {
        var difference = TextDifferences.Compare("Nguyễn Hòa", "Nguyễn Văn Hòa");
        Assert.Equal([K.Letters], difference.Kinds);
        var missing = Assert.Single(difference.Segments, s => s.Operation == DiffOperation.RegistryOnly);
        Assert.Equal("Văn ", missing.Registry);
        Assert.Equal("", missing.Form);
    }

    [Fact]
    public void Different_letters_are_letters()
    {
        var difference = TextDifferences.Compare("Phạm Văn Hùng", "Phạm Văn Dũng");
        Assert.Contains(K.Letters, difference.Kinds);
        Assert.False(difference.IsCosmetic);
    }

    [Fact]
    public void Legacy_encodings_are_decoded_and_named()
    {
        var tcvn3 = VietnameseText.EncodeLegacy("Nguyễn Văn Hòa", LegacyEncoding.Tcvn3);
        var difference = TextDifferences.Compare(tcvn3, "Nguyễn Văn Hòa");
        Assert.Contains(K.LegacyEncoding, difference.Kinds);
        Assert.True(difference.IsCosmetic);
        Assert.Equal("Nguyễn Văn Hòa", difference.Form);
    }

    [Fact]
    public void Segments_rebuild_both_texts()
    {
        string[][] pairs =
        [
            ["NGUYEN VAN HOA", "Nguyễn Văn Hòa"], ["Nguyễn Hòa", "Nguyễn Văn Hòa"], ["Trần Thi  Lann", "Trần Thị Lan"],
            ["", "Lê Thị Ánh"], ["Lê Thị Ánh", ""], ["12/03/1985", "1985-03-12"], ["x", "y"],
        ];
        foreach (var pair in pairs)
        {
            var difference = TextDifferences.Compare(pair[0], pair[1]);
            Assert.Equal(difference.Form, string.Concat(difference.Segments.Select(s => s.Form)));
            Assert.Equal(difference.Registry, string.Concat(difference.Segments.Select(s => s.Registry)));
        }
    }

    [Fact]
    public void Any_input_is_total()
    {
        var long1 = new string('a', TextDifferences.MaxAlignedLength + 1);
        Assert.Equal([K.Letters], TextDifferences.Compare(long1, "b").Kinds);
        Assert.True(TextDifferences.Compare(null, null).IsIdentical);
        Assert.NotNull(TextDifferences.Compare("\uD800x", "x"));
    }
}
