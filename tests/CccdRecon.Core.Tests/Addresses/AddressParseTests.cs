using System.Text;
using CccdRecon.Core.Addresses;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Addresses;

/// <summary>Addresses as Vietnamese write them, read into parts.</summary>
public sealed class AddressParseTests
{
    /// <summary>
    /// Expected parts as "P=province code D=district C=commune H=hamlet S=street N=house", keys folded; "C?=" marks a
    /// lone name that may be the district. A part not listed must be absent.
    /// </summary>
    [Theory]
    // Full words, the registry's style.
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("Thôn Đông, xã Cù Vân, huyện Đại Từ, tỉnh Thái Nguyên", "P=019 D=daitu C=cuvan H=dong")]
    [InlineData("Ấp 3, xã Long Hựu Đông, huyện Cần Đước, tỉnh Long An", "P=080 D=canduoc C=longhuudong H=3")]
    [InlineData("Bản Na Hồ, xã Nậm Khắt, huyện Mù Cang Chải, tỉnh Yên Bái", "P=015 D=mucangchai C=namkhat H=naho")]
    [InlineData("Buôn Tơ Lơ, xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "P=066 D=buonmathuot C=eakao H=tolo")]
    [InlineData("Khu phố 2, phường Tân Phong, thành phố Biên Hòa, tỉnh Đồng Nai", "P=075 D=bienhoa C=tanphong H=2")]
    [InlineData("Tổ dân phố số 5, phường Tân Thịnh, thành phố Hòa Bình, tỉnh Hòa Bình", "P=017 D=hoabinh C=tanthinh H=5")]
    [InlineData("Khóm 3, thị trấn Mỹ Xuyên, huyện Mỹ Xuyên, tỉnh Sóc Trăng", "P=094 D=myxuyen C=myxuyen H=3")]
    [InlineData("Số nhà 12, ngõ 34, phố Láng Hạ, phường Láng Hạ, quận Đống Đa, thành phố Hà Nội", "P=001 D=dongda C=langha S=langha N=12/34")]
    [InlineData("Số 5 ngõ 12 phố Huế, P. Phố Huế, Q. Hai Bà Trưng, Hà Nội", "P=001 D=haibatrung C=phohue S=phohue N=5/12")]
    [InlineData("123 Lê Lợi, phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh", "P=079 D=1 C=benthanh S=leloi N=123")]
    [InlineData("số 10, đường 3 Tháng 2, Phường 11, Quận 10, TP. Hồ Chí Minh", "P=079 D=10 C=11 S=3thang2 N=10")]
    [InlineData("Kiệt 12/5 Lê Duẩn, phường Hải Châu 1, quận Hải Châu, thành phố Đà Nẵng", "P=048 D=haichau C=haichau1 S=leduan N=12/5")]
    [InlineData("Hẻm 45/12 Nguyễn Trãi, Phường 2, Quận 5, TPHCM", "P=079 D=5 C=2 S=nguyentrai N=45/12")]
    [InlineData("Thị trấn Chợ Rã, huyện Ba Bể, tỉnh Bắc Kạn", "P=006 D=babe C=chora")]
    [InlineData("Phường Ba Hàng, thị xã Phổ Yên, tỉnh Thái Nguyên", "P=019 D=phoyen C=bahang")]
    [InlineData("Đặc khu Phú Quốc, tỉnh An Giang", "P=089 C=phuquoc")]
    // Abbreviated, and X. read by its place.
    [InlineData("X. 15, X. Cù Vân, H. Phú Lương, T. Thái Nguyên", "P=019 D=phuluong C=cuvan H=15")]
    [InlineData("X.Đồng Tâm, X.Tiên Hội, H.Đại Từ, T.Thái Nguyên", "P=019 D=daitu C=tienhoi H=dongtam")]
    [InlineData("Th. Đông, X. Cù Vân, H. Đại Từ, T. Thái Nguyên", "P=019 D=daitu C=cuvan H=dong")]
    [InlineData("T. 5, P. Quang Trung, TP. Thái Nguyên, T. Thái Nguyên", "P=019 D=thainguyen C=quangtrung H=5")]
    [InlineData("SN 45, tổ 3, P. Quang Trung, TP Thái Nguyên", "P=019 D=thainguyen C=quangtrung H=3 N=45")]
    [InlineData("KP 2, P. Tân Phong, TP Biên Hòa, Đồng Nai", "P=075 D=bienhoa C=tanphong H=2")]
    [InlineData("TDP 5, P. Phổ Yên, Thái Nguyên", "P=019 C=phoyen H=5")]
    // Khối: the urban group of Nghệ An and its neighbours; without diacritics only before a number ("Khôi" is a given name).
    [InlineData("Khối 5, Phường Hưng Bình, Thành phố Vinh, Tỉnh Nghệ An", "P=040 D=vinh C=hungbinh H=5")]
    [InlineData("khoi 12, phuong Hung Binh, TP Vinh, Nghe An", "P=040 D=vinh C=hungbinh H=12")]
    [InlineData("Khối Tân Tiến, P. Hưng Bình, TP. Vinh, T. Nghệ An", "P=040 D=vinh C=hungbinh H=tantien")]
    [InlineData("12/3 Nguyễn Trãi, P.2, Q.5, TP.HCM", "P=079 D=5 C=2 S=nguyentrai N=12/3")]
    [InlineData("45 Trần Hưng Đạo, F.7, Q.5, Tp HCM", "P=079 D=5 C=7 S=tranhungdao N=45")]
    [InlineData("Q1 P12 HCM", "P=079 D=1 C=12")]
    [InlineData("TT. Trâu Quỳ, H. Gia Lâm, TP. Hà Nội", "P=001 D=gialam C=trauquy")]
    [InlineData("TX. Sơn Tây, Hà Nội", "P=001 D=sontay")]
    [InlineData("Xóm 4 X. Tiên Hội H. Đại Từ T. Thái Nguyên", "P=019 D=daitu C=tienhoi H=4")]
    // Styles of an independent generator (bench/altgen): T.X, T.P, Ph., tổ DP, dashes between every part.
    [InlineData("Th.10,X. An Phú,T.X Lục Đức,T. Hà Giang", "P=002 D=lucduc C=anphu H=10")]
    [InlineData("tổ DP 2, X. Bình Minh, H.Hậu Thành, Đồng Tháp", "P=087 D=hauthanh C=binhminh H=2")]
    [InlineData("sn 297 Trần Hưng Đạo, Ph. Yên Khê, Q.Cai Hùng, T.P Hải Phòng", "P=031 D=caihung C=yenkhe S=tranhungdao N=297")]
    [InlineData("Xóm 1 - xã Bình Minh - huyện Hậu Thành - Đồng Tháp", "P=087 D=hauthanh C=binhminh H=1")]
    [InlineData("số 135 Lê Lợi - Phường Đồng Tâm - Quận Quế Mỹ - Thành phố Đà Nẵng", "P=048 D=quemy C=dongtam S=leloi N=135")]
    [InlineData("Xóm 13 - xã Đại Đồng - thành phố Cần Thơ", "P=092 C=daidong H=13")]
    // No dots, no commas, no diacritics, capitals, NFD, legacy encodings.
    [InlineData("X Tiên Hội H Đại Từ T Thái Nguyên", "P=019 D=daitu C=tienhoi")]
    [InlineData("xom 4 xa tien hoi huyen dai tu tinh thai nguyen", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("XÓM 4, XÃ TIÊN HỘI, HUYỆN ĐẠI TỪ, TỈNH THÁI NGUYÊN", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("XOM 4 - XA TIEN HOI - HUYEN DAI TU - TINH THAI NGUYEN", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("Thôn Phú Mỹ, xã Hoà An, huyện Phú Hoà, tỉnh Phú Yên", "P=054 D=phuhoa C=hoaan H=phumy")]
    [InlineData("Phuong Quan Thanh, Quan Ba Dinh, Ha Noi", "P=001 D=badinh C=quanthanh")]
    [InlineData("Quan Thanh, Ba Dinh, Ha Noi", "P=001 D=badinh C=quanthanh")]
    // Unit words left out: the tier comes from the position, or from what the map knows of the name.
    [InlineData("Tiên Hội, Đại Từ, Thái Nguyên", "P=019 D=daitu C=tienhoi")]
    [InlineData("Đại Từ, Tiên Hội, Thái Nguyên", "P=019 D=daitu C=tienhoi")]
    [InlineData("Xóm 4, Tiên Hội, Đại Từ, Thái Nguyên", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("Tiên Hội, Thái Nguyên", "P=019 C=tienhoi")]
    [InlineData("Xóm 4, Tiên Hội, Thái Nguyên", "P=019 C=tienhoi H=4")]
    [InlineData("Hải Châu, Đà Nẵng", "P=048 C?=haichau")]
    [InlineData("Số 4, Hàng Bạc, Hoàn Kiếm, Hà Nội", "P=001 C?=hoankiem S=hangbac N=4")]       // after a house number, a street
    [InlineData("SN 78, Bà Triệu, phường Cẩm Phước, TX. Việt An, tỉnh An Giang", "P=089 D=vietan C=camphuoc S=batrieu N=78")]
    [InlineData("A. 2, x. Mỹ Quý, huyện Việt Lập, tỉnh An Giang", "P=089 D=vietlap C=myquy H=2")]       // A. ấp, B. bản
    [InlineData("B. Cầu Gạch - xã Thạch Thịnh - huyện Hồng Phước - Tuyên Quang", "P=008 D=hongphuoc C=thachthinh H=caugach")]
    [InlineData("Buôn Ma Thuột, Đắk Lắk", "P=066 C?=buonmathuot")]
    // Post-2025 addresses: no district, a new province or commune.
    [InlineData("Xóm 4, xã La Bằng, tỉnh Thái Nguyên", "P=019 C=labang H=4")]
    [InlineData("Phường Phổ Yên, tỉnh Thái Nguyên", "P=019 C=phoyen")]
    [InlineData("Ấp Bình Hòa, xã Bình Hòa, tỉnh An Giang", "P=089 C=binhhoa H=binhhoa")]
    [InlineData("Phường Tân Ninh, Tây Ninh", "P=072 C=tanninh")]
    [InlineData("P. Vĩnh Ninh, TP Huế, Thừa Thiên Huế", "P=046 D=hue C=vinhninh")]
    [InlineData("P. Thuận Hóa, TP Huế", "P=046 C=thuanhoa")]
    // Provinces written every way.
    [InlineData("Tổ 7, P. Phước Trung, TP Bà Rịa, Bà Rịa - Vũng Tàu", "P=077 D=baria C=phuoctrung H=7")]
    [InlineData("Phước Trung, Bà Rịa, BR-VT", "P=077 D=baria C=phuoctrung")]
    [InlineData("Phường 3, Quận 5, Sài Gòn", "P=079 D=5 C=3")]
    [InlineData("Xã Tiên Hội, huyện Đại Từ, Thai Nguyen province, Việt Nam", "P=019 D=daitu C=tienhoi")]
    [InlineData("Tiên Hội Đại Từ Thái Nguyên", "P=019 C?=tienhoidaitu")]
    // Noise around the address.
    [InlineData("Địa chỉ: Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("Xóm Chùa (cũ), xã Tiên Hội (nay là xã La Bằng), Thái Nguyên", "P=019 C=tienhoi H=chua")]
    [InlineData("  Xóm 04 ,, xã  Tiên Hội ;huyện Đại Từ . tỉnh Thái Nguyên  ", "P=019 D=daitu C=tienhoi H=4")]
    [InlineData("Phường IV, TP Tây Ninh, Tây Ninh", "P=072 D=tayninh C=4")]
    [InlineData("Phường 1 Bảo Lộc, Lâm Đồng", "P=068 C=1baoloc")]
    [InlineData("Xã Cư M'gar, huyện Cư M’gar, tỉnh Đắk Lắk", "P=066 D=cumgar C=cumgar")]
    [InlineData("Xã Ea-Kao, TP. Buôn Ma Thuột, Đắk Lắk", "P=066 D=buonmathuot C=eakao")]
    public void Reads_the_parts(string text, string expected)
    {
        AssertParts(expected, VietnameseAddress.Parse(text));
        AssertParts(expected, VietnameseAddress.Parse(text.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên")]
    [InlineData("Khu phố 2, phường Tân Phong, thành phố Biên Hòa, tỉnh Đồng Nai")]
    public void Reads_legacy_encoded_text(string text)
    {
        var unicode = VietnameseAddress.Parse(text);
        foreach (var encoding in new[] { LegacyEncoding.Tcvn3, LegacyEncoding.Vni })
        {
            var legacy = VietnameseAddress.Parse(VietnameseText.EncodeLegacy(text, encoding));
            Assert.Equal(unicode.Commune.Key, legacy.Commune.Key);
            Assert.Equal(unicode.District.Key, legacy.District.Key);
            Assert.Same(unicode.Province, legacy.Province);
        }
    }

    [Fact]
    public void Either_tone_placement_reads_alike()
    {
        var old = VietnameseAddress.Parse("Thôn Hoà Bình, xã Hoà An, huyện Phú Hoà, tỉnh Khánh Hoà");
        var now = VietnameseAddress.Parse("Thôn Hòa Bình, xã Hòa An, huyện Phú Hòa, tỉnh Khánh Hòa");
        Assert.Equal(AddressMatchLevel.SameHamlet, AddressComparer.Compare(old, now).Level);
        Assert.Equal("056", old.Province?.Code);
    }

    [Fact]
    public void Names_are_cut_from_the_text_as_written()
    {
        var a = VietnameseAddress.Parse("Xóm 4, X. Tiên Hội, huyện Đại Từ, Tỉnh Thái Nguyên");
        Assert.Equal("Tiên Hội", a.Commune.NameIn(a));
        Assert.Equal(AddressUnitKind.Xa, a.Commune.Kind);
        Assert.Equal("Đại Từ", a.District.NameIn(a));
        Assert.Equal("4", a.Hamlet.NameIn(a));
        Assert.Equal(AddressUnitKind.Xom, a.Hamlet.Kind);
        Assert.Equal("Thái Nguyên", a.ProvincePart.NameIn(a));
        Assert.Equal(AddressUnitKind.Tinh, a.ProvincePart.Kind);
    }

    [Theory]
    [InlineData("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên", AddressEra.Before2025)]
    [InlineData("Xã Chợ Rã, tỉnh Bắc Kạn", AddressEra.Before2025)]            // a province that no longer exists
    [InlineData("Phường Phổ Yên, tỉnh Thái Nguyên", AddressEra.Since2025)]     // a ward that exists only since 2025
    [InlineData("Xã La Bằng, tỉnh Thái Nguyên", AddressEra.Unknown)]           // a name both maps use
    [InlineData("Xóm 4", AddressEra.Unknown)]
    [InlineData("Phường Vĩnh Ninh, tỉnh Thừa Thiên Huế", AddressEra.Before2025)]   // the province's name before 2025
    public void Tells_the_era_where_the_text_does(string text, AddressEra era) => Assert.Equal(era, VietnameseAddress.Parse(text).Era);

    [Theory]
    [InlineData("P. Thuận Hóa, TP Huế", true, null)]                     // the centrally-run city of today
    [InlineData("P. Thuận Hóa, Huế", true, null)]
    [InlineData("P. Vĩnh Ninh, tỉnh Thừa Thiên Huế", false, null)]
    [InlineData("Xã Chợ Rã, tỉnh Bắc Kạn", false, null)]
    [InlineData("Xã Chợ Rã, tỉnh Thái Nguyên", true, null)]
    [InlineData("Phường Ba Hàng, TP Hải Dương", false, "haiduong")]      // a provincial city, now in the city of Hải Phòng
    [InlineData("Phường Quyết Thắng, TP Đồng Nai", true, null)]          // a centrally-run city since 2026
    public void Knows_whether_the_province_is_named_as_it_is_today(string text, bool current, string? district)
    {
        var a = VietnameseAddress.Parse(text);
        Assert.NotNull(a.Province);
        Assert.Equal(current, a.ProvinceNameIsCurrent);
        Assert.Equal(district, a.District.Key);
    }

    [Fact]
    public void Resolves_the_commune_in_the_current_map()
    {
        var old = VietnameseAddress.Parse("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên");
        Assert.Equal(["La Bằng"], old.SuccessorCommunes.Select(c => c.Name));
        Assert.Empty(old.CurrentCommunes);
        Assert.Equal("05818", old.CurrentCommuneCode);
        var now = VietnameseAddress.Parse("Xóm 4, xã La Bằng, tỉnh Thái Nguyên");
        Assert.Equal("05818", now.CurrentCommuneCode);
        Assert.Equal("019/daitu/tienhoi", old.CommuneKey.ToString());
        Assert.Equal("019//labang", now.CommuneKey.ToString());
        Assert.Equal(old.CommuneKey.CurrentCommuneCode, now.CommuneKey.CurrentCommuneCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,, ;; --")]
    [InlineData("Việt Nam")]
    [InlineData("\uD800\uDC00\uD800")]
    [InlineData("\uFFFF\u0300a")]
    [InlineData("xã")]
    [InlineData("Tỉnh")]
    public void Unreadable_text_has_no_parts(string? text)
    {
        var a = VietnameseAddress.Parse(text);
        Assert.True(a.IsEmpty);
        Assert.Equal(AddressMatchLevel.Unknown, a.TopLevel);
        Assert.Equal(AddressMatchLevel.Unknown, AddressComparer.Compare(a, a).Level);
    }

    [Fact]
    public void Very_long_text_is_not_an_address()
    {
        Assert.True(VietnameseAddress.Parse(string.Concat(Enumerable.Repeat("Xóm 4, ", 200))).IsEmpty);
        // Up to the bound every part is still read, the province last.
        var many = string.Concat(Enumerable.Repeat("a b ", 40)) + "xã Tiên Hội, tỉnh Thái Nguyên";
        Assert.Equal("tienhoi", VietnameseAddress.Parse(many).Commune.Key);
    }

    [Fact]
    public void ToString_names_tiers_never_places()
    {
        var a = VietnameseAddress.Parse("Xóm 4, xã Tiên Hội, huyện Đại Từ, tỉnh Thái Nguyên");
        Assert.DoesNotContain("Tiên", a.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tienhoi", a.ToString(), StringComparison.Ordinal);
        Assert.Contains("Commune", a.ToString(), StringComparison.Ordinal);
    }

    internal static void AssertParts(string expected, VietnameseAddress a)
    {
        var want = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var mayBe = want.Remove("C?", out var lone);
        if (mayBe) want["C"] = lone!;
        var got = new Dictionary<string, string?>
        {
            ["P"] = a.Province?.Code, ["D"] = a.District.Key, ["C"] = a.Commune.Key, ["H"] = a.Hamlet.Key, ["S"] = a.Street.Key, ["N"] = a.House.Key,
        };
        foreach (var (part, value) in got)
        {
            Assert.True(want.GetValueOrDefault(part) == value, $"{part}: expected {want.GetValueOrDefault(part) ?? "(absent)"}, got {value ?? "(absent)"} in \"{a.Text}\"");
        }

        Assert.True(mayBe == a.CommuneMayBeDistrict, $"commune-or-district: expected {mayBe} in \"{a.Text}\"");
    }
}
