using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class NameComparerTests
{
    private static NameComparison Compare(string form, string registry) =>
        NameComparer.Compare(PersonName.Parse(form), PersonName.Parse(registry));

    [Theory]
    [InlineData("Nguyễn Văn Hòa", "Nguyễn Văn Hòa")]
    [InlineData("Mai Lan Anh", "Mai Lan Anh")]
    public void The_same_canonical_name_is_exact(string form, string registry)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.Exact, result.Agreement);
        Assert.True(result.IsCosmetic);
        Assert.Equal(1.0, result.JaroWinkler);
    }

    [Theory]
    [InlineData("NGUYỄN VĂN HÒA", "Nguyễn Văn Hòa", "letter case")]
    [InlineData("  nguyễn  văn   hòa ", "Nguyễn Văn Hòa", "spacing")]
    [InlineData("Nguyễn Văn Hoà", "Nguyễn Văn Hòa", "tone-mark placement")]
    [InlineData("Lê Thị Thuỷ", "Lê Thị Thủy", "tone-mark placement")]
    [InlineData("NguyÔn V¨n §øc", "Nguyễn Văn Đức", "decoded from TCVN3")]
    [InlineData("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức", "decoded from VNI")]
    [InlineData("NGUYEN VAN HOA", "Nguyễn Văn Hòa", "no diacritics")]
    [InlineData("Nguyen Van Hoa", "Nguyễn Văn Hòa", "no diacritics")]
    [InlineData("Dang Thi Anh", "Đặng Thị Ánh", "no diacritics")]
    [InlineData("Nguyễn Văn Hòa", "NGUYEN VAN HOA", "no diacritics")]
    // Ð (U+00D0, the Icelandic eth: Windows-1258's Đ read as Windows-1252, and common in name lists) is drawn like Đ.
    [InlineData("Lê Đức Phú", "Lê \u00D0ức Phú", "Ð read as Đ")]
    [InlineData("lê \u00F0ức phú", "Lê Đức Phú", "Ð read as Đ")]
    [InlineData("LE DUC PHU", "Lê \u00D0ức Phú", "no diacritics")]
    // Đ is a consonant keyboards without marks still type: with no marked vowel the name was keyed without diacritics.
    [InlineData("NGUYEN VAN ĐAT", "Nguyễn Văn Đạt", "no diacritics")]
    [InlineData("Nguyen Huu \u00D0at", "Nguyễn Hữu Đạt", "no diacritics")]
    public void Cosmetic_differences_are_cosmetic_equal(string form, string registry, string step)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.CosmeticEqual, result.Agreement);
        Assert.True(result.IsCosmetic);
        Assert.Contains(step, result.Detail);
    }

    [Fact]
    public void Nfd_form_is_cosmetic_equal_to_nfc_registry()
    {
        var result = Compare("Trần Thị Ngọc Ánh".Normalize(NormalizationForm.FormD), "Trần Thị Ngọc Ánh");

        Assert.Equal(NameAgreement.CosmeticEqual, result.Agreement);
        Assert.Equal("same name after Unicode NFD to NFC", result.Detail);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hoa", "Nguyễn Văn Hòa", "Hoa vs Hòa (tone or diacritics)")]
    [InlineData("Nguyễn Văn Hòa", "Nguyễn Văn Hoa", "Hòa vs Hoa (tone or diacritics)")]
    [InlineData("Trần Văn Hưng", "Trần Văn Hùng", "Hưng vs Hùng (tone or diacritics)")]
    [InlineData("Nguyễn Thị Lan", "Nguyễn Thị Lân", "Lan vs Lân (tone or diacritics)")]
    [InlineData("Nguyễn Văn Lan", "Nguyễn Văn Lam", "Lan vs Lam (one letter)")]
    [InlineData("Phạm Văn Hoàng", "Phạm Văn Hoàn", "Hoàng vs Hoàn (one letter)")]
    [InlineData("NGUYEN VAN LAM", "Nguyễn Văn Lâm", null)]
    [InlineData("NGUYEN VAN LAN", "Nguyễn Văn Lâm", "Lan vs Lâm (one letter)")]
    [InlineData("Nguyễn Vnă Hòa", "Nguyễn Văn Hòa", "Vnă vs Văn (one letter)")]
    public void One_edit_or_one_tone_is_a_spelling_difference(string form, string registry, string? detail)
    {
        var result = Compare(form, registry);

        if (detail is null)
        {
            Assert.Equal(NameAgreement.CosmeticEqual, result.Agreement); // no diacritics: the tone cannot be judged
            return;
        }

        Assert.Equal(NameAgreement.Spelling, result.Agreement);
        Assert.False(result.IsCosmetic);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("Huỳnh Văn An", "Hoàng Văn An", "surname Huỳnh ~ Hoàng (regional)")]
    [InlineData("Hoàng Thị Mai", "Huỳnh Thị Mai", "surname Hoàng ~ Huỳnh (regional)")]
    [InlineData("Võ Văn Kiệt", "Vũ Văn Kiệt", "surname Võ ~ Vũ (regional)")]
    [InlineData("Vũ Thị Hằng", "Võ Thị Hằng", "surname Vũ ~ Võ (regional)")]
    [InlineData("HUYNH VAN AN", "Hoàng Văn An", "surname Huynh ~ Hoàng (regional)")]
    [InlineData("VO VAN KIET", "Vũ Văn Kiệt", "surname Vo ~ Vũ (regional)")]
    public void Regional_surname_pairs_are_regional_variants_not_spelling(string form, string registry, string detail)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.RegionalVariant, result.Agreement);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("Huỳnh Văn An", "Hoàng Văn Ân")]
    [InlineData("Võ Văn Kiệt", "Vũ Đình Kiệt")]
    [InlineData("Hồ Văn An", "Hoàng Văn An")]
    public void A_regional_surname_with_another_difference_is_not_a_regional_variant(string form, string registry) =>
        Assert.NotEqual(NameAgreement.RegionalVariant, Compare(form, registry).Agreement);

    [Theory]
    [InlineData("Nguyễn Hòa", "Nguyễn Văn Hòa", "middle name Văn missing")]
    [InlineData("Trần Ánh", "Trần Thị Ngọc Ánh", "middle name Thị Ngọc missing")]
    [InlineData("Trần Ngọc Ánh", "Trần Thị Ngọc Ánh", "middle name Thị missing")]
    [InlineData("NGUYEN HOA", "Nguyễn Văn Hòa", "middle name Văn missing")]
    public void A_dropped_middle_name_is_missing(string form, string registry, string detail)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.MissingMiddleName, result.Agreement);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hòa", "Nguyễn Hòa", "extra middle name Văn")]
    [InlineData("Lê Thị Minh Thư", "Lê Thị Thư", "extra middle name Minh")]
    [InlineData("Phạm Hữu Đức Anh", "Phạm Anh", "extra middle name Hữu Đức")]
    public void An_added_middle_name_is_extra(string form, string registry, string detail)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.ExtraMiddleName, result.Agreement);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("Nguyễn Thị Hòa", "Nguyễn Văn Minh Hòa")] // middle names differ, not only dropped
    [InlineData("Nguyễn Văn", "Nguyễn Văn Hòa")]          // the given name is missing, not a middle name
    [InlineData("Trần Văn Hòa", "Nguyễn Văn Minh Hòa")]
    public void A_different_middle_or_given_name_is_not_a_dropped_middle_name(string form, string registry)
    {
        var agreement = Compare(form, registry).Agreement;

        Assert.NotEqual(NameAgreement.MissingMiddleName, agreement);
        Assert.NotEqual(NameAgreement.ExtraMiddleName, agreement);
    }

    [Theory]
    [InlineData("Hòa Nguyễn Văn", "Nguyễn Văn Hòa")]
    [InlineData("Văn Hòa Nguyễn", "Nguyễn Văn Hòa")]
    [InlineData("ANH TRAN THI NGOC", "Trần Thị Ngọc Ánh")]
    public void The_same_syllables_in_another_order_are_order_swapped(string form, string registry)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.OrderSwapped, result.Agreement);
        Assert.Equal("same syllables in another order", result.Detail);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hòa Hòa", "Nguyễn Văn Hòa")]
    [InlineData("Văn Văn Hòa", "Nguyễn Văn Hòa")]
    public void Repeated_syllables_are_not_a_reordering(string form, string registry) =>
        Assert.NotEqual(NameAgreement.OrderSwapped, Compare(form, registry).Agreement);

    [Theory]
    [InlineData("Nguyễn Thị Thu Hương", "Nguyễn Thị Thúy Hường")]
    [InlineData("Trần Văn Thuong", "Trần Văn Thuận")]
    public void Close_names_without_a_rule_are_similar(string form, string registry)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.Similar, result.Agreement);
        Assert.InRange(result.JaroWinkler, NameComparer.SimilarThreshold, 1.0);
        Assert.StartsWith("similar spelling (Jaro–Winkler 0.", result.Detail);
    }

    [Theory]
    [InlineData("Lê Thị Mai", "Lê Thị Lan")]
    [InlineData("Nguyễn Văn Hoàn", "Nguyễn Văn Hoàng Anh")]
    [InlineData("Phạm Minh Tuấn", "Phạm Minh Hùng")]
    public void Siblings_sharing_surname_and_middle_name_are_different_people(string form, string registry) =>
        Assert.Equal(NameAgreement.Different, Compare(form, registry).Agreement);

    [Theory]
    [InlineData("Trần Văn Hòa", "Nguyễn Văn Hòa")]
    [InlineData("Lê Thị Lan", "Phạm Minh Tuấn")]
    [InlineData("Hòa", "Nguyễn Văn Hòa")]
    public void Unrelated_names_are_different(string form, string registry)
    {
        var result = Compare(form, registry);

        Assert.Equal(NameAgreement.Different, result.Agreement);
        Assert.Equal("different name", result.Detail);
        Assert.InRange(result.JaroWinkler, 0.0, NameComparer.SimilarThreshold);
    }

    [Fact]
    public void The_detail_names_only_the_syllables_concerned()
    {
        var result = Compare("Nguyễn Văn Hoa", "Nguyễn Văn Hòa");

        Assert.DoesNotContain("Nguyễn", result.Detail);
        Assert.DoesNotContain("Văn", result.Detail);
    }
}
