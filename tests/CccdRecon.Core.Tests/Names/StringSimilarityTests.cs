using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class StringSimilarityTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("nguyen van hoa", "nguyen van hoa", 1.0)]
    [InlineData("", "", 1.0)]
    [InlineData("hoa", "", 0.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void JaroWinkler_matches_published_values(string a, string b, double expected)
    {
        Assert.Equal(expected, StringSimilarity.JaroWinkler(a, b), 3);
        Assert.Equal(expected, StringSimilarity.JaroWinkler(b, a), 3);
    }

    [Fact]
    public void JaroWinkler_handles_long_strings()
    {
        var a = new string('a', 1000) + "b";
        var b = new string('a', 1000) + "c";

        Assert.InRange(StringSimilarity.JaroWinkler(a, b), 0.99, 1.0);
    }

    [Theory]
    [InlineData("hoa", "hoa", 0)]
    [InlineData("hoa", "hao", 1)]
    [InlineData("lan", "lam", 1)]
    [InlineData("hoang", "hoan", 1)]
    [InlineData("hoa", "", 3)]
    [InlineData("ca", "abc", 3)]
    [InlineData("nguyen van hoa", "nguyen van hoaa", 1)]
    public void DamerauDistance_counts_adjacent_transpositions_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, StringSimilarity.DamerauDistance(a, b));
        Assert.Equal(expected, StringSimilarity.DamerauDistance(b, a));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 0)]
    [InlineData("abc", "abc", 3)]
    [InlineData("abcd", "acbd", 3)]
    [InlineData("kitten", "sitting", 4)]
    public void Longest_common_subsequence(string a, string b, int expected)
    {
        Assert.Equal(expected, StringSimilarity.LongestCommonSubsequence(a, b));
        Assert.Equal(expected, StringSimilarity.LongestCommonSubsequence(b, a));
    }

    [Theory]
    [InlineData("nguyen", "nguyen", true)]
    [InlineData("nguyen", "nguyne", true)]
    [InlineData("nguyen", "nguyn", true)]
    [InlineData("nguyen", "nguyenn", true)]
    [InlineData("nguyen", "ngyuen", true)]
    [InlineData("nguyen", "mguyen", true)]
    [InlineData("nguyen", "ngyuem", false)]
    [InlineData("nguyen", "nguy", false)]
    [InlineData("ab", "ba", true)]
    [InlineData("", "a", true)]
    [InlineData("", "ab", false)]
    public void Within_one_edit_agrees_with_Damerau_distance(string a, string b, bool expected)
    {
        Assert.Equal(expected, StringSimilarity.WithinOneEdit(a, b));
        Assert.Equal(expected, StringSimilarity.DamerauDistance(a, b) <= 1);
    }

    [Fact]
    public void Within_one_edit_agrees_with_Damerau_distance_on_random_pairs()
    {
        var rng = new Random(11);
        for (var i = 0; i < 50_000; i++)
        {
            var a = new string(Enumerable.Range(0, rng.Next(0, 8)).Select(_ => "abc"[rng.Next(3)]).ToArray());
            var b = new string(Enumerable.Range(0, rng.Next(0, 8)).Select(_ => "abc"[rng.Next(3)]).ToArray());
            Assert.True(StringSimilarity.DamerauDistance(a, b) <= 1 == StringSimilarity.WithinOneEdit(a, b), $"'{a}' vs '{b}'");
        }
    }

    [Fact]
    public void Jaro_on_masks_gives_the_same_double_as_the_reference()
    {
        var rng = new Random(7);
        const string letters = "aabcdeghiklmnnoprstuvy ";
        for (var n = 0; n < 50_000; n++)
        {
            string Make(int max) => new([.. Enumerable.Range(0, rng.Next(1, max)).Select(_ => letters[rng.Next(letters.Length)])]);
            var a = Make(n % 10 == 0 ? 90 : 24);
            var b = n % 3 == 0 ? Mutate(a) : Make(n % 10 == 1 ? 70 : 24);
            Assert.Equal(StringSimilarity.JaroAnyText(a, b), StringSimilarity.Jaro(a, b));
            Assert.Equal(StringSimilarity.JaroAnyText(b, a), StringSimilarity.Jaro(b, a));
        }

        string Mutate(string s)
        {
            var chars = s.ToCharArray();
            for (var k = rng.Next(3); k >= 0; k--) chars[rng.Next(chars.Length)] = letters[rng.Next(letters.Length)];
            return new string(chars);
        }
    }
}
