using CccdRecon.Core.Places;

namespace CccdRecon.Core.Tests.Places;

/// <summary>The 34-province map of Resolution 202/2025/QH15 beside the 63, and the communes of both.</summary>
public sealed class AdministrativeMapTests
{
    [Fact]
    public void The_current_map_has_34_provinces_6_of_them_cities_before_Dong_Nai()
    {
        Assert.Equal(34, Province.Current.Count);
        Assert.Equal(34, Province.Current.Select(p => p.Name).Distinct().Count());
        Assert.Equal(34, Province.Current.Select(p => p.AdministrativeCode).Distinct().Count());
        Assert.All(Province.Current, p => Assert.True(p.IsCurrent));
        Assert.All(Province.Current, p => Assert.Same(p, p.Successor));
        // Hà Nội, Huế, Hải Phòng, Đà Nẵng, Hồ Chí Minh, Cần Thơ — and Đồng Nai since 30 April 2026.
        Assert.Equal(["001", "31", "46", "48", "75", "79", "92"], Province.Current.Where(p => p.IsCity).Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Eleven_provinces_are_not_arranged_ten_of_them_one_unit_in_both_maps()
    {
        var unchanged = Province.All.Where(p => p.Maps == ProvinceMaps.Both).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "Cao Bằng", "Hà Nội", "Hà Tĩnh", "Lai Châu", "Lạng Sơn", "Nghệ An", "Quảng Ninh", "Sơn La", "Thanh Hóa", "Điện Biên" }.Order(StringComparer.Ordinal),
            unchanged);
        Assert.All(Province.All.Where(p => p.Maps == ProvinceMaps.Both), p => Assert.Same(p, p.Successor));

        // The eleventh keeps its territory and ID code but not its name: Thừa Thiên Huế is the city of Huế since 2025.
        var hue = Province.FromCode("046")!;
        Assert.Equal("Thừa Thiên Huế", hue.Name);
        Assert.Equal("Huế", hue.Successor.Name);
        Assert.True(hue.Successor.IsCity);
        Assert.Equal([hue], hue.Successor.Predecessors);
    }

    // Resolution 202/2025/QH15, article 1: the 23 provinces formed from 52.
    [Theory]
    [InlineData("Tuyên Quang", "08", "Hà Giang", "Tuyên Quang")]
    [InlineData("Lào Cai", "15", "Lào Cai", "Yên Bái")]
    [InlineData("Thái Nguyên", "19", "Bắc Kạn", "Thái Nguyên")]
    [InlineData("Phú Thọ", "25", "Hòa Bình", "Phú Thọ", "Vĩnh Phúc")]
    [InlineData("Bắc Ninh", "24", "Bắc Giang", "Bắc Ninh")]
    [InlineData("Hưng Yên", "33", "Hưng Yên", "Thái Bình")]
    [InlineData("Hải Phòng", "31", "Hải Dương", "Hải Phòng")]
    [InlineData("Ninh Bình", "37", "Hà Nam", "Nam Định", "Ninh Bình")]
    [InlineData("Quảng Trị", "44", "Quảng Bình", "Quảng Trị")]
    [InlineData("Đà Nẵng", "48", "Đà Nẵng", "Quảng Nam")]
    [InlineData("Quảng Ngãi", "51", "Quảng Ngãi", "Kon Tum")]
    [InlineData("Gia Lai", "52", "Bình Định", "Gia Lai")]
    [InlineData("Khánh Hòa", "56", "Khánh Hòa", "Ninh Thuận")]
    [InlineData("Đắk Lắk", "66", "Phú Yên", "Đắk Lắk")]
    [InlineData("Lâm Đồng", "68", "Bình Thuận", "Đắk Nông", "Lâm Đồng")]
    [InlineData("Hồ Chí Minh", "79", "Bình Dương", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh")]
    [InlineData("Đồng Nai", "75", "Bình Phước", "Đồng Nai")]
    [InlineData("Tây Ninh", "80", "Tây Ninh", "Long An")]
    [InlineData("Đồng Tháp", "82", "Tiền Giang", "Đồng Tháp")]
    [InlineData("Vĩnh Long", "86", "Bến Tre", "Trà Vinh", "Vĩnh Long")]
    [InlineData("An Giang", "91", "An Giang", "Kiên Giang")]
    [InlineData("Cần Thơ", "92", "Cần Thơ", "Hậu Giang", "Sóc Trăng")]
    [InlineData("Cà Mau", "96", "Bạc Liêu", "Cà Mau")]
    public void Each_new_province_knows_its_predecessors_and_they_know_it(string name, string code, params string[] predecessors)
    {
        var formed = Assert.Single(Province.Current, p => p.Name == name);
        Assert.Equal(ProvinceMaps.Since2025, formed.Maps);
        Assert.Equal(code, formed.AdministrativeCode);
        Assert.Equal(predecessors.Order(StringComparer.Ordinal), formed.Predecessors.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(formed.Predecessors, old => Assert.Same(formed, old.Successor));
        Assert.All(formed.Predecessors, old => Assert.Same(formed, AdministrativeMap.ToCurrent(old)));
    }

    [Fact]
    public void Every_old_province_has_exactly_one_successor_and_the_successors_cover_the_map()
    {
        Assert.All(Province.All, p => Assert.Contains(p.Successor, Province.Current));
        Assert.Equal(63, Province.Current.Sum(p => p.Predecessors.Count));
        Assert.Equal(Province.Current.Count, Province.All.Select(p => p.Successor).Distinct().Count());
    }

    [Theory]
    [InlineData("Bắc Kạn", "Thái Nguyên", true)]
    [InlineData("T. Bắc Cạn", "Thai Nguyen", true)]
    [InlineData("Yên Bái", "Lào Cai", true)]
    [InlineData("Hà Giang", "Lào Cai", false)]
    [InlineData("BRVT", "TP.HCM", true)]
    [InlineData("Bình Dương", "Bà Rịa - Vũng Tàu", true)]
    [InlineData("Thừa Thiên Huế", "Thành phố Huế", true)]
    [InlineData("Quảng Nam", "TP Đà Nẵng", true)]
    [InlineData("Hà Nam", "Nam Định", true)]
    [InlineData("Hà Nội", "Hà Tây", false)]  // Hà Tây (merged in 2008) is no province of either map
    [InlineData("Kon Tum", "Gia Lai", false)]
    public void Same_province_across_eras(string a, string b, bool same) =>
        Assert.Equal(same, AdministrativeMap.SameProvince(Province.Find(a), Province.Find(b)));

    [Theory]
    [InlineData("Bắc Kạn", "Thái Nguyên", "19")]
    [InlineData("Ha Noi", "Hà Nội", "01")]
    [InlineData("HCM", "Hồ Chí Minh", "79")]
    [InlineData("Tỉnh Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "79")]
    [InlineData("Thừa Thiên - Huế", "Huế", "46")]
    [InlineData("Tp. Cần Thơ", "Cần Thơ", "92")]
    [InlineData("Sóc Trăng", "Cần Thơ", "92")]
    [InlineData("yen bai", "Lào Cai", "15")]
    public void Finds_the_current_province_and_partition_from_any_spelling(string text, string current, string partition)
    {
        var province = AdministrativeMap.FindCurrent(text);
        Assert.NotNull(province);
        Assert.Equal(current, province.Name);
        Assert.True(province.IsCurrent);
        Assert.Equal(partition, AdministrativeMap.PartitionKey(Province.Find(text)!));
    }

    [Fact]
    public void Codes_of_the_two_maps_never_collide()
    {
        var codes = Province.All.Concat(Province.Current).Distinct().Select(p => p.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // ID numbers keep the 63-map code of the birth registration: FromCode never answers with a 2025 province.
        Assert.Null(Province.FromCode("19"));
        Assert.Equal("Thái Nguyên", Province.FromCode("019")?.Name);
    }

    [Fact]
    public void The_current_map_has_3321_communes_in_34_provinces()
    {
        var communes = AdministrativeMap.Communes;
        Assert.Equal(3_321, communes.Count);
        Assert.Equal(3_321, communes.Select(c => c.Code).Distinct().Count());
        Assert.All(communes, c => Assert.Matches("^[0-9]{5}$", c.Code));
        Assert.Equal(34, communes.Select(c => c.Province).Distinct().Count());
        Assert.All(communes, c => Assert.True(c.Province.IsCurrent));
        Assert.Equal(13, communes.Count(c => c.Kind == CommuneKind.DacKhu));
        Assert.DoesNotContain(communes, c => c.Kind == CommuneKind.ThiTran);
        Assert.Equal(126, AdministrativeMap.CommunesOf(Province.Find("Hà Nội")!).Count());
    }

    [Theory]
    [InlineData("Thái Nguyên", "Đại Từ", "Tiên Hội", "La Bằng")]                 // merged with Hoàng Nông and La Bằng
    [InlineData("Thái Nguyên", "Phổ Yên", "Ba Hàng", "Phổ Yên")]                 // the old town's wards became one ward
    [InlineData("Bắc Kạn", "Ba Bể", "Chợ Rã", "Chợ Rã")]                         // a former province's commune
    [InlineData("Thái Nguyên", null, "Chợ Rã", "Chợ Rã")]                         // found through the new province
    [InlineData("Hà Nội", "Ba Đình", "Cống Vị", "Giảng Võ", "Ngọc Hà")]            // divided between two wards
    [InlineData("Tây Ninh", "Tây Ninh", "Phường IV", "Tân Ninh")]                // a Roman numeral; corrected row
    [InlineData("Long An", "Tân An", "Phường 4", "Long An")]
    [InlineData("Hồ Chí Minh", "Quận 5", "Phường 1", "Chợ Quán")]
    public void Knows_where_an_old_commune_went(string province, string? district, string commune, params string[] current)
    {
        var found = AdministrativeMap.SuccessorsOf(Province.Find(province)!, district, commune);
        Assert.Equal(current.Order(StringComparer.Ordinal), found.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(found, c => Assert.Same(Province.Find(province)!.Successor, c.Province));
    }

    [Fact]
    public void Every_old_commune_went_to_communes_of_its_provinces_successor()
    {
        // The whole table: a link into another province would be a wrong row.
        var former = CommuneGazetteer.Instance.FormerCommunes;
        Assert.Equal(10_035, former.Count);
        var all = AdministrativeMap.Communes;
        Assert.All(former, old => Assert.All(old.Successors, s => Assert.Same(old.Province.Successor, all[s].Province)));
        // And every current commune took some old one's territory, but the five special zones that were island
        // districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
        var taken = former.SelectMany(old => old.Successors).Distinct().Select(s => all[s]).ToHashSet();
        Assert.Equal(["Bạch Long Vĩ", "Côn Đảo", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn"], all.Where(c => !taken.Contains(c)).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Empty(AdministrativeMap.SuccessorsOf(Province.Find("Thái Nguyên")!, null, "Nowhere At All"));
        Assert.Empty(AdministrativeMap.FindCommunes(Province.Find("Thái Nguyên")!, "Tiên Hội")); // no longer a commune
    }

    [Fact]
    public void Finds_a_current_commune_by_any_spelling()
    {
        var tn = Province.Find("Thái Nguyên")!;
        Assert.Equal("05860", Assert.Single(AdministrativeMap.FindCommunes(tn, "Phổ Yên")).Code);
        Assert.Equal("05860", Assert.Single(AdministrativeMap.FindCommunes(Province.Find("Bắc Kạn")!, "P. PHO YEN")).Code);
        Assert.Equal("05860", Assert.Single(AdministrativeMap.FindCommunes(tn, "phường Phổ Yên")).Code);
        Assert.Empty(AdministrativeMap.FindCommunes(tn, "Quán Phổ Yên"));
        Assert.Equal("05860", AdministrativeMap.CommuneFromCode("05860")?.Code);
        Assert.Null(AdministrativeMap.CommuneFromCode("99999"));
    }
}
