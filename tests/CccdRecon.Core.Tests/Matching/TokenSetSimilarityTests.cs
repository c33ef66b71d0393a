using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using FuzzySharp;
using FuzzySharp.PreProcess;

namespace CccdRecon.Core.Tests.Matching;

public sealed class TokenSetSimilarityTests
{
    private static readonly string[] Words =
    [
        "Số", "12,", "132,", "5", "7/2", "ngõ", "ngách", "đường", "Trần", "Phú,", "Phú", "Lê", "Lợi,", "Tân", "Lập,", "phường",
        "Phước", "Long,", "xã", "An", "Khánh,", "quận", "Ba", "Đình,", "Hà", "Nội", "thôn", "Đông", "tổ", "3,", "khu", "phố",
    ];

    /// <summary>Builds a folded address the way the engine compares them.</summary>
    private static string Address(Random rng, int minWords)
    {
        var n = rng.Next(minWords, 14);
        var words = new string[n];
        for (var i = 0; i < n; i++) words[i] = Words[rng.Next(Words.Length)];
        return VietnameseText.Fold(string.Join(rng.Next(8) == 0 ? "  " : " ", words));
    }

    [Fact]
    public void Agrees_with_FuzzySharp_TokenSetRatio_on_addresses()
    {
        var rng = new Random(20261122);
        for (var i = 0; i < 20_000; i++)
        {
            var a = Address(rng, 1);
            // Half the pairs share most tokens (the same address keyed twice), half are unrelated.
            var b = i % 2 == 0 ? Address(rng, 1) : string.Join(' ', a.Split(' ').Where(_ => rng.Next(5) > 0)) + " " + Address(rng, 0);
            Assert.True(Fuzz.TokenSetRatio(a, b, PreprocessMode.None) == TokenSetSimilarity.Ratio(a, b), $"'{a}' vs '{b}'");
        }
    }

    [Theory]
    [InlineData("so 12, duong tran phu, ha noi", "so 12, duong tran phu, ha noi", 100)]
    [InlineData("so 12 duong tran phu ha noi", "duong tran phu so 12 ha noi", 100)]
    [InlineData("so 12, duong tran phu, ha noi", "ha noi", 100)]
    public void Scores_shared_tokens_regardless_of_order(string a, string b, int expected)
    {
        Assert.Equal(expected, TokenSetSimilarity.Ratio(a, b));
        Assert.Equal(Fuzz.TokenSetRatio(a, b, PreprocessMode.None), TokenSetSimilarity.Ratio(a, b));
    }

    [Fact]
    public void Unrelated_addresses_score_low()
    {
        Assert.InRange(TokenSetSimilarity.Ratio("thon dong, xa an khanh", "so 7/2 ngo 5"), 0, 40);
        Assert.Equal(Fuzz.TokenSetRatio("thon dong, xa an khanh", "so 7/2 ngo 5", PreprocessMode.None),
            TokenSetSimilarity.Ratio("thon dong, xa an khanh", "so 7/2 ngo 5"));
    }

    [Fact]
    public void Very_long_addresses_fall_back_to_the_library()
    {
        var a = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"t{i}"));
        var b = string.Join(' ', Enumerable.Range(100, 300).Select(i => $"t{i}"));
        Assert.Equal(Fuzz.TokenSetRatio(a, b, PreprocessMode.None), TokenSetSimilarity.Ratio(a, b));
    }
}

public sealed class IndelRatioTests
{
    [Fact]
    public void Equals_FuzzySharp_simple_ratio_on_random_strings_of_every_length()
    {
        var rng = new Random(7);
        const string alphabet = "abcdefghij ,0123ăđơ";
        for (var i = 0; i < 20_000; i++)
        {
            // Lengths up to 300 cross several 64-bit words; a small alphabet makes long common subsequences.
            var a = new string(Enumerable.Range(0, rng.Next(0, i % 10 == 0 ? 300 : 70)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            var b = new string(Enumerable.Range(0, rng.Next(0, i % 10 == 0 ? 300 : 70)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            Assert.True(Fuzz.Ratio(a, b) == TokenSetSimilarity.IndelRatio(a, b), $"'{a}' vs '{b}'");
        }
    }
}
