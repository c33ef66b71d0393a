using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class MalformedNameTests
{
    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\t \u00A0 ", "empty")]
    [InlineData("Nguyễn\0Văn Hòa", "contains control characters")]
    [InlineData("Nguyễn Văn\nHòa", "contains control characters")]
    [InlineData("Nguyễn\rVăn Hòa", "contains control characters")]
    [InlineData("Nguyễn\u0007Văn", "contains control characters")]
    [InlineData("Nguyễn\u0085Văn", "contains control characters")]
    [InlineData("Nguyễn\u007FVăn", "contains control characters")]
    [InlineData("0123456789", "no letters")]
    [InlineData("079 123 456", "no letters")]
    [InlineData("- ' -", "no letters")]
    [InlineData("Nguyễn Văn 2", "contains digits")]
    [InlineData("Nguyễn Văn Hòa1", "contains digits")]
    [InlineData("Nguyễn Văn Hòa @", "contains characters that are not letters")]
    [InlineData("Nguyễn Văn Hòa 😀", "contains characters that are not letters")]
    [InlineData("Nguyễn, Văn Hòa", "contains characters that are not letters")]
    public void Malformed_input_is_unreadable_with_a_reason(string? raw, string problem)
    {
        var name = PersonName.Parse(raw);

        Assert.False(name.IsReadable);
        Assert.Equal(problem, name.Problem);
        Assert.Empty(name.Syllables);
        Assert.Equal("", name.Key);
        Assert.Equal("", name.Display);
        Assert.Equal(raw ?? "", name.Raw);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(10 * 1024)]
    [InlineData(1_000_000)]
    public void Overlong_input_is_unreadable(int length)
    {
        var raw = string.Concat(Enumerable.Repeat("Nguyễn ", length / 7 + 1))[..length];

        var name = PersonName.Parse(raw);

        Assert.False(name.IsReadable);
        Assert.Equal("longer than 200 characters", name.Problem);
    }

    [Fact]
    public void Exactly_the_maximum_length_is_readable()
    {
        var raw = string.Concat(Enumerable.Repeat("Hòa ", 50)).TrimEnd();
        raw += new string('a', PersonName.MaxLength - raw.Length);
        Assert.Equal(PersonName.MaxLength, raw.Length);

        Assert.True(PersonName.Parse(raw).IsReadable);
    }

    [Theory]
    [InlineData("Nguyễn Văn Hòa\r\n")]
    [InlineData("\r\nNguyễn Văn Hòa")]
    public void Line_breaks_around_the_name_are_spacing(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.True(name.IsReadable);
        Assert.Equal(["spacing"], name.Normalizations);
    }

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_length()
    {
        var raw = new string(' ', 300) + "Nguyễn Văn Hòa" + new string(' ', 300);

        var name = PersonName.Parse(raw);

        Assert.True(name.IsReadable);
        Assert.Equal("Nguyễn Văn Hòa", name.Display);
    }

    // Built at run time: attribute arguments cannot carry unpaired surrogates.
    public static TheoryData<string> LoneSurrogates =>
    [
        "Nguy" + '\uD800' + "n Văn Hòa",
        "Nguyễn Văn Hòa" + '\uD83D',
        '\uDE00' + "Nguyễn",
        "Nguyễn " + '\uDC00' + '\uD800' + " Hòa",
    ];

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void Lone_surrogates_are_unreadable(string raw)
    {
        Assert.Contains(raw, char.IsSurrogate);

        var name = PersonName.Parse(raw);

        Assert.False(name.IsReadable);
        Assert.Equal("contains invalid Unicode (a lone surrogate)", name.Problem);
    }

    [Fact]
    public void Unreadable_names_compare_as_different_without_throwing()
    {
        var good = PersonName.Parse("Nguyễn Văn Hòa");
        var bad = PersonName.Parse("\0");

        Assert.Equal(NameAgreement.Different, NameComparer.Compare(bad, good).Agreement);
        Assert.Equal(NameAgreement.Different, NameComparer.Compare(good, bad).Agreement);
        Assert.Equal(NameAgreement.Different, NameComparer.Compare(bad, bad).Agreement);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_helpers_accept_empty_input(string? text)
    {
        Assert.True(string.IsNullOrWhiteSpace(VietnameseText.Fold(text!)));
        Assert.False(VietnameseText.HasDiacritics(text!));
        Assert.Equal("", VietnameseText.Canonicalize(text!));
        Assert.False(VietnameseText.TryDecodeLegacy(text!, out _, out _));
        Assert.False(NameKnowledge.IsCommonMiddleName(text!));
        Assert.Null(NameKnowledge.RegionalCounterpart(text!));
        Assert.False(NameKnowledge.AreRegionalSurnameVariants(text!, "Hoàng"));
    }

    [Theory]
    [InlineData("\uFFFF\u0323")]      // found by fuzzing: NFC normalization refuses noncharacters
    [InlineData("Nguye\u0302\u0303n V\uFFFEa\u0306n")]
    public void A_noncharacter_among_combining_marks_is_unreadable(string raw)
    {
        var name = PersonName.Parse(raw);

        Assert.False(name.IsReadable);
        Assert.NotNull(name.Problem);
        Assert.Equal(NameAgreement.Different, NameComparer.Compare(name, PersonName.Parse("Nguyễn Văn Hòa")).Agreement);
    }
}
