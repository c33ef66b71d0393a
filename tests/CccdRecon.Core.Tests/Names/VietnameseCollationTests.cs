using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

/// <summary>Vietnamese dictionary order: Đ after D, tones ngang &lt; huyền &lt; hỏi &lt; ngã &lt; sắc &lt; nặng, syllable by syllable.</summary>
public sealed class VietnameseCollationTests
{
    private static void AssertOrdered(params string[] expected)
    {
        var shuffled = expected.Reverse().ToArray();
        var sorted = shuffled.OrderBy(s => s, VietnameseCollation.Comparer).ToArray();
        Assert.Equal(expected, sorted);
        for (int i = 1; i < expected.Length; i++)
            Assert.True(string.CompareOrdinal(VietnameseCollation.SortKey(expected[i - 1]), VietnameseCollation.SortKey(expected[i])) < 0,
                $"key of {expected[i - 1]} is not below key of {expected[i]}");
    }

    [Fact]
    public void D_comes_before_Đ_which_comes_before_E() => AssertOrdered("D", "Dz", "Đ", "Đa", "E");

    [Fact]
    public void Names_with_Đ_follow_every_name_with_D() => AssertOrdered("Dung", "Duy", "Dương", "Đào", "Đặng", "Đức", "Giang");

    [Fact]
    public void Tones_in_dictionary_order() => AssertOrdered("a", "à", "ả", "ã", "á", "ạ");

    [Fact]
    public void Vowel_letters_in_alphabet_order() => AssertOrdered("a", "ă", "â", "b", "e", "ê", "o", "ô", "ơ", "u", "ư", "y");

    [Fact]
    public void Letters_decide_before_the_tone_within_a_syllable() => AssertOrdered("ba", "bà", "bạ", "bác", "bạc", "bách", "bạch");

    [Fact]
    public void Words_are_compared_one_syllable_at_a_time() => AssertOrdered("ba", "ba ba", "ba bị", "bà", "bà ba");

    [Fact]
    public void Case_NFD_and_tone_placement_do_not_change_the_key()
    {
        var key = VietnameseCollation.SortKey("Nguyễn Thị Hòa Thủy");
        Assert.Equal(key, VietnameseCollation.SortKey("NGUYỄN THỊ HOÀ THUỶ"));
        Assert.Equal(key, VietnameseCollation.SortKey("Nguyễn Thị Hòa Thủy".Normalize(NormalizationForm.FormD)));
        Assert.Equal(key, VietnameseCollation.SortKey("  Nguyễn   Thị Hoà  Thuỷ "));
    }

    [Fact]
    public void Numbers_sort_by_value_and_before_words() => AssertOrdered("Số 2", "Số 9", "Số 57", "Số 107", "Số nhà");

    [Fact]
    public void Equal_keys_still_give_a_total_order()
    {
        Assert.NotEqual(0, VietnameseCollation.Compare("Hòa", "Hoà"));
        Assert.Equal(0, VietnameseCollation.Compare("Hòa", "Hòa"));
        Assert.True(VietnameseCollation.Compare(null, "") < 0);
    }

    [Fact]
    public void Unknown_letters_sort_after_z_and_never_throw()
    {
        AssertOrdered("zzz", "Ωmega");
        foreach (var odd in new[] { "\uD800", "a\u0301\u0301", "\u0301", "H'Hen", "Y-Moan", "漢字", new string('x', 10_000) })
            _ = VietnameseCollation.SortKey(odd);
    }

    [Fact]
    public void Surname_list_in_dictionary_order()
    {
        // Hoàng before Hồ (o before ô), Phạm before Phan and Võ before Vũ (letters decide before tones).
        AssertOrdered("Âu", "Bùi", "Cao", "Dương", "Đặng", "Đỗ", "Hà", "Hoàng", "Hồ", "Huỳnh", "Lê", "Lý", "Ngô", "Nguyễn",
            "Phạm", "Phan", "Tạ", "Trần", "Trương", "Ưng", "Võ", "Vũ");
    }
}
