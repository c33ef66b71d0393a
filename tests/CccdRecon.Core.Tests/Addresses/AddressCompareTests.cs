using CccdRecon.Core.Addresses;

namespace CccdRecon.Core.Tests.Addresses;

/// <summary>Part-wise comparison, and the 2025 map change that is not a difference.</summary>
public sealed class AddressCompareTests
{
    private static AddressComparison Compare(string a, string b) => AddressComparer.Compare(VietnameseAddress.Parse(a), VietnameseAddress.Parse(b));

    [Theory]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "X. 4, X. Tiên Hội, H. Đại Từ, T. Thái Nguyên", AddressMatchLevel.SameHamlet)]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "XOM 4 XA TIEN HOI HUYEN DAI TU TINH THAI NGUYEN", AddressMatchLevel.SameHamlet)]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Tiên Hội, Đại Từ, Thái Nguyên", AddressMatchLevel.SameCommune)]
    [InlineData("Số nhà 12, ngõ 34, phố Láng Hạ, phường Láng Hạ, quận Đống Đa, thành phố Hà Nội", "12/34 Láng Hạ, P. Láng Hạ, Q. Đống Đa, HN", AddressMatchLevel.SameHouse)]
    [InlineData("12/3 Nguyễn Trãi, P.2, Q.5, TP.HCM", "Số 12/3 đường Nguyễn Trãi, Phường 02, Quận 5, Thành phố Hồ Chí Minh", AddressMatchLevel.SameHouse)]
    [InlineData("K12/5 Lê Duẩn, Hải Châu, Đà Nẵng", "Kiệt 12/5 Lê Duẩn, Quận Hải Châu, TP Đà Nẵng", AddressMatchLevel.SameHouse)]
    [InlineData("Thôn Hoà Bình, xã Hoà An, tỉnh Khánh Hoà", "thon hoa binh, xa hoa an, tinh khanh hoa", AddressMatchLevel.SameHamlet)]
    public void The_same_place_written_two_ways_agrees(string a, string b, AddressMatchLevel level) => Assert.Equal(level, Compare(a, b).Level);

    [Fact]
    public void The_stranger_of_issue_9_is_not_at_the_same_address()
    {
        // Linked at +21 bits for "permanent_address" though the two share only a province.
        var c = Compare("X. 15, X. Cù Vân, H. Phú Lương, T. Thái Nguyên", "Xóm 4, xã Tiên Hội, huyện Phổ Yên, tỉnh Thái Nguyên");
        Assert.Equal(AddressMatchLevel.SameProvince, c.Level);
        Assert.Equal(AddressLevel.District, c.FirstDifference);
        Assert.Equal(PartAgreement.Differs, c.Commune);
        Assert.Equal(PartAgreement.Differs, c.Hamlet);
    }

    [Theory]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 5, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", AddressMatchLevel.SameCommune, AddressLevel.Hamlet)]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, xã Cù Vân, huyện Đại Từ, tỉnh Thái Nguyên", AddressMatchLevel.SameDistrict, AddressLevel.Commune)]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, xã Tiên Hội, huyện Phổ Yên, tỉnh Thái Nguyên", AddressMatchLevel.SameProvince, AddressLevel.District)]
    [InlineData("Thôn 1, xã Tân Lập, huyện Bắc Quang, tỉnh Hà Giang", "Thôn 1, xã Tân Lập, huyện Bắc Quang, tỉnh Lào Cai", AddressMatchLevel.Different, AddressLevel.Province)]
    [InlineData("12 Lê Lợi, P. Bến Thành, Q.1, TP.HCM", "14 Lê Lợi, P. Bến Thành, Q.1, TP.HCM", AddressMatchLevel.SameHamlet, AddressLevel.House)]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ", "Tổ 4, xã Tiên Hội, huyện Đại Từ", AddressMatchLevel.SameCommune, AddressLevel.Hamlet)]
    public void Names_the_deepest_agreement_and_the_first_difference(string a, string b, AddressMatchLevel level, AddressLevel difference)
    {
        var c = Compare(a, b);
        Assert.Equal(level, c.Level);
        Assert.Equal(difference, c.FirstDifference);
    }

    [Fact]
    public void Rural_hamlet_words_are_one_family()
    {
        Assert.Equal(AddressMatchLevel.SameHamlet, Compare("Xóm 4, xã Tiên Hội, huyện Đại Từ", "Thôn 4, xã Tiên Hội, huyện Đại Từ").Level);
        Assert.Equal(AddressMatchLevel.SameHamlet, Compare("Khu phố 3, P. Tân Phong, TP Biên Hòa", "TDP 3, P. Tân Phong, TP Biên Hòa").Level);
    }

    [Fact]
    public void A_hamlet_counts_only_under_an_agreeing_commune()
    {
        // "Xóm 4" agrees with half the xóm 4s of the country.
        Assert.Equal(AddressMatchLevel.SameProvince, Compare("Xóm 4, Thái Nguyên", "Xóm 4, xã Tiên Hội, huyện Đại Từ, Thái Nguyên").Level);
        Assert.Equal(AddressMatchLevel.Unknown, Compare("Xóm 4", "Xóm 4").Level);
        // With no commune on a side, an agreeing district anchors the street (city addresses).
        Assert.Equal(AddressMatchLevel.SameHouse, Compare("45 Lê Lợi, Q.1, TP.HCM", "45 Lê Lợi, P. Bến Thành, Q.1, TP.HCM").Level);
    }

    // ---- Across the 2025 change ---------------------------------------------------------------------------------

    [Fact]
    public void An_old_commune_agrees_with_the_new_one_that_took_it()
    {
        var c = Compare("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, xã La Bằng, tỉnh Thái Nguyên");
        Assert.Equal(AddressMatchLevel.SameHamlet, c.Level);
        Assert.Equal(PartAgreement.AgreesAcrossEras, c.Commune);
        Assert.Equal(PartAgreement.Absent, c.District);
        Assert.Equal(PartAgreement.Agrees, c.Province);
        Assert.Null(c.FirstDifference);
    }

    [Fact]
    public void A_former_province_agrees_with_the_one_it_merged_into()
    {
        var c = Compare("Xã Chợ Rã, huyện Ba Bể, tỉnh Bắc Kạn", "Xã Chợ Rã, tỉnh Thái Nguyên");
        Assert.Equal(AddressMatchLevel.SameCommune, c.Level);
        Assert.Equal(PartAgreement.AgreesAcrossEras, c.Province);
        Assert.Equal(PartAgreement.Agrees, c.Commune);
        Assert.Equal(AddressMatchLevel.SameCommune, Compare("P. Phú Lợi, TP Thủ Dầu Một, Bình Dương", "Phường Phú Lợi, TP.HCM").Level);
        Assert.Equal(AddressMatchLevel.SameCommune, Compare("Phường Vĩnh Ninh, TP Huế, tỉnh Thừa Thiên Huế", "Phường Thuận Hóa, thành phố Huế").Level);
    }

    [Fact]
    public void The_wards_of_a_dissolved_town_agree_with_the_ward_that_replaced_it()
    {
        var c = Compare("Phường Ba Hàng, thị xã Phổ Yên, tỉnh Thái Nguyên", "Phường Phổ Yên, tỉnh Thái Nguyên");
        Assert.Equal(AddressMatchLevel.SameCommune, c.Level);
        Assert.Equal(PartAgreement.AgreesAcrossEras, c.Commune);
    }

    [Fact]
    public void A_divided_commune_agrees_with_each_of_its_successors()
    {
        Assert.Equal(PartAgreement.AgreesAcrossEras, Compare("P. Cống Vị, Q. Ba Đình, Hà Nội", "Phường Giảng Võ, Hà Nội").Commune);
        Assert.Equal(PartAgreement.AgreesAcrossEras, Compare("P. Cống Vị, Q. Ba Đình, Hà Nội", "Phường Ngọc Hà, Hà Nội").Commune);
        Assert.Equal(PartAgreement.Differs, Compare("P. Cống Vị, Q. Ba Đình, Hà Nội", "Phường Hoàn Kiếm, Hà Nội").Commune);
    }

    [Fact]
    public void An_old_commune_that_went_elsewhere_differs_from_a_new_one()
    {
        var c = Compare("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, phường Phổ Yên, tỉnh Thái Nguyên");
        Assert.Equal(PartAgreement.Differs, c.Commune);
        Assert.Equal(AddressMatchLevel.SameProvince, c.Level);
    }

    [Fact]
    public void A_commune_the_map_cannot_place_is_unknown_not_different()
    {
        // An old name the table does not know (abolished before 2025, misspelt) beside a current name.
        var c = Compare("Xóm 4, xã Tiên Hộii, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, xã La Bằng, tỉnh Thái Nguyên");
        Assert.Equal(PartAgreement.Unknown, c.Commune);
        Assert.Equal(AddressMatchLevel.SameProvince, c.Level);
        Assert.Null(c.FirstDifference);
    }

    [Fact]
    public void Two_old_style_addresses_with_different_communes_differ()
    {
        Assert.Equal(PartAgreement.Differs, Compare("xã Cù Vân, huyện Đại Từ, Thái Nguyên", "xã Tiên Hội, huyện Đại Từ, Thái Nguyên").Commune);
        // The old name kept after 2025, beside another old name: both read in the old map.
        Assert.Equal(PartAgreement.Differs, Compare("xã Cù Vân, Thái Nguyên", "xã Tiên Hội, huyện Đại Từ, Thái Nguyên").Commune);
    }

    [Fact]
    public void A_district_absent_on_one_side_is_skipped()
    {
        var c = Compare("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xóm 4, xã Tiên Hội, tỉnh Thái Nguyên");
        Assert.Equal(AddressMatchLevel.SameHamlet, c.Level);
        Assert.Equal(PartAgreement.Absent, c.District);
    }

    [Fact]
    public void Provinces_of_different_successors_differ()
    {
        Assert.Equal(AddressMatchLevel.Different, Compare("Xã Chợ Rã, tỉnh Bắc Kạn", "Xã Chợ Rã, tỉnh Lào Cai").Level);
        Assert.Equal(PartAgreement.AgreesAcrossEras, Compare("Xã A, tỉnh Yên Bái", "Xã A, tỉnh Lào Cai").Province);
    }

    [Fact]
    public void A_lone_name_agrees_with_a_commune_or_a_district_of_that_name()
    {
        Assert.Equal(AddressMatchLevel.SameDistrict, Compare("Hải Châu, Đà Nẵng", "P. Thạch Thang, Q. Hải Châu, Đà Nẵng").Level);
        Assert.Equal(AddressMatchLevel.SameCommune, Compare("Hải Châu, Đà Nẵng", "Phường Hải Châu, TP Đà Nẵng").Level);
        Assert.Equal(AddressMatchLevel.SameCommune, Compare("Hải Châu, Đà Nẵng", "Hải Châu, Đà Nẵng").Level);
    }

    [Fact]
    public void The_province_written_narrows_where_an_old_commune_is_looked_for()
    {
        // Tiên Hội was a commune of Thái Nguyên, not of Bắc Kạn: written under Bắc Kạn the map cannot place it.
        Assert.Equal(PartAgreement.Unknown, Compare("Xã Tiên Hội, huyện Đại Từ, tỉnh Bắc Kạn", "Xã La Bằng, tỉnh Thái Nguyên").Commune);
        Assert.Equal(PartAgreement.AgreesAcrossEras, Compare("Xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "Xã La Bằng, tỉnh Thái Nguyên").Commune);
    }

    [Fact]
    public void Missing_and_null_addresses_say_nothing()
    {
        Assert.Equal(AddressMatchLevel.Unknown, AddressComparer.Compare(null, VietnameseAddress.Parse("Xã Chợ Rã, tỉnh Bắc Kạn")).Level);
        Assert.Equal(AddressMatchLevel.Unknown, AddressComparer.Compare(VietnameseAddress.Parse("Xóm 4"), VietnameseAddress.Parse("Xã Chợ Rã, tỉnh Bắc Kạn")).Level);
        Assert.Equal(AddressMatchLevel.Unknown, AddressComparer.Compare(null, null).Level);
    }

    [Fact]
    public void Explains_in_words()
    {
        var form = VietnameseAddress.Parse("Tổ 4, phường Đức Xuân, tỉnh Thái Nguyên");
        var record = VietnameseAddress.Parse("Tổ 4, phường Huyền Tụng, thành phố Bắc Kạn, tỉnh Bắc Kạn");
        var text = AddressComparer.Explain(form, record);
        Assert.StartsWith("same street or hamlet: ", text, StringComparison.Ordinal);
        Assert.Contains("commune agrees via the 2025 merger (Đức Xuân / Huyền Tụng)", text, StringComparison.Ordinal);
        Assert.Contains("district absent on the form (an address since 2025 has none)", text, StringComparison.Ordinal);
        Assert.Contains("province agrees via the 2025 merger (Bắc Kạn → Thái Nguyên)", text, StringComparison.Ordinal);

        var stranger = AddressComparer.Explain(VietnameseAddress.Parse("X. 15, X. Cù Vân, H. Phú Lương, T. Thái Nguyên"),
            VietnameseAddress.Parse("Xóm 4, xã Tiên Hội, huyện Phổ Yên, tỉnh Thái Nguyên"));
        Assert.Contains("district differs (Phú Lương / Phổ Yên)", stranger, StringComparison.Ordinal);
        Assert.StartsWith("same province", stranger, StringComparison.Ordinal);
    }
}
