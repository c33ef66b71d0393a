using System.Text;
using CccdRecon.Core.Addresses;
using CccdRecon.Reports.Places;

namespace CccdRecon.Reports.Tests;

/// <summary>The reports' address reader (Core's parser): communes, hamlets and houses as Vietnamese write them.</summary>
public sealed class LocatorTests
{
    private static HouseholdPlace Locate(string? address) => AddressLocator.Instance.Locate(address);

    [Fact]
    public void Reads_the_post_2025_two_level_address()
    {
        var place = Locate("Số 57, đường Yên Thế, phường An Khánh, Hà Nội");
        Assert.Equal("Phường An Khánh", place.Commune!.Name);
        Assert.Equal("Hà Nội", place.Commune.Province);
        Assert.Equal("01", place.Commune.ProvinceCode);
        Assert.Null(place.Commune.District);
        Assert.Equal("Số 57", place.House);
        Assert.Equal("Đường Yên Thế", place.Street);
        Assert.Null(place.Hamlet);
    }

    [Fact]
    public void Reads_abbreviations_X_as_commune_or_hamlet_by_position()
    {
        var place = Locate("X. 15, X. Cù Vân, H. Phú Lương, T. Thái Nguyên");
        Assert.Equal("Xã Cù Vân", place.Commune!.Name);
        Assert.Equal("Huyện Phú Lương", place.Commune.District);
        Assert.Equal("Thái Nguyên", place.Commune.Province);
        Assert.Equal("Xóm 15", place.Hamlet);
    }

    [Fact]
    public void Every_spelling_of_a_commune_has_one_key()
    {
        string[] spellings =
        [
            "Số 57, đường Yên Thế, phường An Khánh, Hà Nội",
            "so 57, duong yen the, phuong an khanh, ha noi",
            "SỐ 57, ĐƯỜNG YÊN THẾ, PHƯỜNG AN KHÁNH, TP. HÀ NỘI",
            "Số 57, đường Yên Thế, P. An Khánh, Thành phố Hà Nội",
            "Số 57, đường Yên Thế, phường An Khánh, Hà Nội".Normalize(NormalizationForm.FormD),
        ];
        var keys = spellings.Select(s => Locate(s).Commune!.Key).Distinct().ToList();
        Assert.Single(keys);
        Assert.NotEqual(keys[0], Locate("Số 57, đường Yên Thế, xã An Khánh, Hà Nội").Commune!.Key);
        Assert.NotEqual(keys[0], Locate("Số 57, đường Yên Thế, phường An Khánh, Nam Định").Commune!.Key);
    }

    [Fact]
    public void A_name_is_not_mistaken_for_a_kind_of_place()
    {
        // "Dương" folds like "đường" (street) and "Phó" like "phố"; with diacritics they are names.
        var place = Locate("Thôn Dương Nội, xã Dương Liễu, huyện Hoài Đức, Hà Nội");
        Assert.Equal("Xã Dương Liễu", place.Commune!.Name);
        Assert.Equal("Thôn Dương Nội", place.Hamlet);
        Assert.Null(place.Street);
    }

    [Theory]
    [InlineData("Số 11, đường Hòa Bình, phường Lạc Long Quân, Sóc Trăng", "Sóc Trăng")] // "sóc" is also a hamlet word
    [InlineData("Ấp 3, xã Tân Lập, huyện Châu Thành, tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu")]
    [InlineData("Tổ 5, phường Bến Nghé, Quận 1, TP.HCM", "Hồ Chí Minh")]
    public void The_last_part_is_read_whole_as_a_province(string address, string province)
    {
        var commune = Locate(address).Commune!;
        Assert.Equal(province, commune.Province);
        Assert.NotNull(commune.ProvinceCode);
    }

    [Fact]
    public void Every_unit_word_of_the_parser_is_spelt_out()
    {
        Assert.Equal("Khối 5", Locate("Số 3, khối 5, phường Hưng Dũng, TP. Vinh, Nghệ An").Hamlet);
        foreach (var kind in Enum.GetValues<Core.Addresses.AddressUnitKind>())
        {
            if (kind.LevelOf() is Core.Addresses.AddressLevel.Hamlet or Core.Addresses.AddressLevel.Commune && kind != Core.Addresses.AddressUnitKind.Unmarked
                && kind != Core.Addresses.AddressUnitKind.Lo)
                Assert.NotEqual("", Core.Addresses.AddressWords.Word(kind));
        }
    }

    [Fact]
    public void An_unnamed_part_before_the_province_is_the_commune()
    {
        var place = Locate("57 Yên Thế, An Khánh, Hà Nội");
        Assert.Equal("An Khánh", place.Commune!.Name);
        Assert.Equal("57", place.House);
        Assert.Equal("Yên Thế", place.Street);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,;")]
    [InlineData("\uD800 lone surrogate, phường X")]
    public void Nothing_readable_is_an_unknown_place_and_never_throws(string? address)
    {
        var place = Locate(address);
        Assert.NotNull(place);
    }

    [Fact]
    public void Overlong_text_is_not_read() => Assert.Same(HouseholdPlace.Unknown, Locate(new string('x', AddressLocator.MaxAddressLength + 1)));

    [Fact]
    public void Unit_codes_only_exclude_what_is_known_to_lie_elsewhere()
    {
        var commune = Locate("Số 1, phường An Khánh, Hà Nội").Commune!;
        Assert.True(commune.MayLieIn("01"));
        Assert.False(commune.MayLieIn("79"));
        // The current map resolves the commune to its code: other communes' codes leave it out.
        Assert.NotNull(commune.CommuneCode);
        Assert.True(commune.MayLieIn(commune.CommuneCode!));
        Assert.False(commune.MayLieIn(commune.CommuneCode == "00004" ? "00007" : "00004"));
        // A commune the map cannot place is kept for any commune code.
        var unknown = Locate("Số 1, phường Không Có Thật, Hà Nội").Commune!;
        Assert.Null(unknown.CommuneCode);
        Assert.True(unknown.MayLieIn("00004"));
    }
}
