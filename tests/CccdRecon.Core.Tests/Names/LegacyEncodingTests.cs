using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

public sealed class LegacyEncodingTests
{
    [Theory]
    [InlineData("NguyÔn V¨n §øc", "Nguyễn Văn Đức")]
    [InlineData("Lª ThÞ ¸nh", "Lê Thị Ánh")]
    [InlineData("§ç ThÞ øng", "Đỗ Thị Ứng")]
    [InlineData("Tr­¬ng Quèc Kh¸nh", "Trương Quốc Khánh")]
    [InlineData("Hoµng V¨n Hoµ", "Hoàng Văn Hòa")]
    [InlineData("Ph¹m ThÞ Ngäc ¸nh", "Phạm Thị Ngọc Ánh")]
    public void Tcvn3_read_as_windows_1252_is_decoded(string raw, string display)
    {
        var name = PersonName.Parse(raw);

        Assert.True(name.IsReadable);
        Assert.Equal(display, name.Display);
        Assert.Equal(LegacyEncoding.Tcvn3, name.DecodedFrom);
        Assert.Equal("decoded from TCVN3", name.Normalizations[0]);
    }

    [Theory]
    [InlineData("Ph¹m V¨n CihiÕn", "Phạm Văn Cihiến")]     // a typo in the given name: one word is no syllable
    [InlineData("N«ng V¨n SlÝ", "Nông Văn Slí")]          // a Tày-Nùng syllable no Kinh name has
    [InlineData("PHH¹M THÞ NG¢N", "PHHẠM THỊ NGÂN")]      // a doubled letter, in capitals
    public void Tcvn3_with_one_word_that_is_no_syllable_is_still_decoded(string raw, string decoded)
    {
        // Regression: a form whose name kept one typo in TCVN3 was unreadable, so it came back no_match although its ID
        // number and date were the record's.
        Assert.True(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(decoded, text);
        Assert.Equal(LegacyEncoding.Tcvn3, encoding);
        Assert.True(PersonName.Parse(raw).IsReadable);
    }

    [Theory]
    [InlineData("Y Moan Ml«", "Y Moan Mlô")]      // Ê Đê syllables are no Kinh syllables in any reading
    [InlineData("H'Ly £ya", "H'Ly Êya")]
    [InlineData("Y Khu Niª", "Y Khu Niê")]
    public void A_minority_name_in_tcvn3_that_cannot_be_read_as_it_stands_is_decoded(string raw, string display)
    {
        // Regression: the symbols « £ ª left the name unreadable, and the form was linked only by ID and date, flagged
        // full_name:unreadable although nothing was wrong with it.
        var name = PersonName.Parse(raw);
        Assert.True(name.IsReadable, name.Problem);
        Assert.Equal(display, name.Display);
    }

    [Theory]
    [InlineData("Y WANG ADRÔNG", "Y Wang Adrơng")]      // VNI Ô is Ơ; as Unicode it reads Adrông
    [InlineData("H'Rueâ EÂya", "H'Ruê Êya")]
    public void A_minority_name_that_may_be_vni_is_compared_both_ways(string raw, string registry)
    {
        var name = PersonName.Parse(raw);
        Assert.NotNull(name.Alternative);
        Assert.True(NameComparer.Compare(name, PersonName.Parse(registry)).IsCosmetic);
    }

    [Fact]
    public void A_capital_inside_a_small_word_is_a_tcvn3_toned_letter()
    {
        // Regression: "Vò Duy CÈn" reads as Unicode letters, but È inside "CÈn" is the TCVN3 byte for ẩ.
        Assert.Equal("Vũ Duy Cẩn", PersonName.Parse("Vò Duy CÈn").Display);
        Assert.Equal(LegacyEncoding.Tcvn3, PersonName.Parse("Vò Duy CÈn").DecodedFrom);
    }

    [Fact]
    public void Text_that_is_valid_unicode_and_valid_vni_keeps_both_readings()
    {
        // "Hoà Bình Minh" is Hòa Bình Minh in Unicode and Hồ Bình Minh in VNI; nothing tells which was keyed.
        var name = PersonName.Parse("Hoà Bình Minh");
        Assert.Equal("Hòa Bình Minh", name.Display);
        Assert.Equal("Hồ Bình Minh", name.Alternative?.Display);
        Assert.Equal(NameAgreement.CosmeticEqual, NameComparer.Compare(name, PersonName.Parse("Hồ Bình Minh")).Agreement);
        Assert.Equal(NameAgreement.CosmeticEqual, NameComparer.Compare(name, PersonName.Parse("Hòa Bình Minh")).Agreement);
        Assert.Null(PersonName.Parse("Nguyễn Văn Hòa").Alternative);
    }

    [Theory]
    [InlineData("NGUYÔN V¡N §øC", "NGUYỄN VĂN ĐỨC")]
    [InlineData("§ç THÞ øNG", "ĐỖ THỊ ỨNG")]
    [InlineData("TR¦¥NG QUèC KH¸NH", "TRƯƠNG QUỐC KHÁNH")]
    public void All_caps_tcvn3_keeps_its_capitals(string raw, string decoded)
    {
        Assert.True(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(decoded, text);
        Assert.Equal(LegacyEncoding.Tcvn3, encoding);

        var name = PersonName.Parse(raw);
        Assert.Equal(["decoded from TCVN3", "letter case"], name.Normalizations);
    }

    [Theory]
    [InlineData("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức")]
    [InlineData("Leâ Thò AÙnh", "Lê Thị Ánh")]
    [InlineData("Tröông Quoác Khaùnh", "Trương Quốc Khánh")]
    [InlineData("Huyønh Ngoïc Quyù", "Huỳnh Ngọc Quý")]
    [InlineData("Voõ Thò Thuûy", "Võ Thị Thủy")]
    public void Vni_read_as_windows_1252_is_decoded(string raw, string display)
    {
        var name = PersonName.Parse(raw);

        Assert.Equal(display, name.Display);
        Assert.Equal(LegacyEncoding.Vni, name.DecodedFrom);
        Assert.Equal(["decoded from VNI"], name.Normalizations);
    }

    [Theory]
    [InlineData("NGUYEÃN VAÊN ÑÖÙC", "NGUYỄN VĂN ĐỨC")]
    [InlineData("LEÂ THÒ AÙNH", "LÊ THỊ ÁNH")]
    public void All_caps_vni_is_decoded(string raw, string decoded)
    {
        Assert.True(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(decoded, text);
        Assert.Equal(LegacyEncoding.Vni, encoding);
    }

    [Theory]
    [InlineData("Lê Thị Ánh")]
    [InlineData("Đỗ Thị Ứng")]
    [InlineData("Lò Văn Ổn")]
    [InlineData("Hà Thị Ê")]
    [InlineData("Lê Thi Ánh")]       // Latin-1 only: every character is also a TCVN3/VNI byte
    [InlineData("Hà Lê")]
    [InlineData("Tô Thị Hà")]
    [InlineData("Mã Thái Hà")]
    [InlineData("Ông Văn Ý")]
    [InlineData("Y Bhiê")]           // Ê-đê name: not a Kinh syllable, still not mojibake
    [InlineData("José Nguyễn")]
    [InlineData("Quý")]
    public void Genuine_unicode_names_are_never_decoded(string raw)
    {
        Assert.False(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(raw, text);
        Assert.Equal(LegacyEncoding.None, encoding);

        var name = PersonName.Parse(raw);
        Assert.Equal(LegacyEncoding.None, name.DecodedFrom);
        Assert.Equal(raw, name.Display);
    }

    [Theory]
    [InlineData("Taï Thò Oanh", "Tạ Thị Oanh", LegacyEncoding.Vni)]          // TCVN3 would read "Taù Thũ": tone misplaced
    [InlineData("Trònh Coâng Sôn", "Trịnh Công Sơn", LegacyEncoding.Vni)]    // TCVN3 would read "Coõng": no name uses oo
    [InlineData("Phan Kim æn", "Phan Kim Ổn", LegacyEncoding.Tcvn3)]          // VNI would read a lower-case "ỉn"
    [InlineData("PHAN TIÕN DòNG", "PHAN TIẾN DŨNG", LegacyEncoding.Tcvn3)]    // VNI would read "TĨN DịNG"
    [InlineData("Phan Minh YÕn", "Phan Minh Yến", LegacyEncoding.Tcvn3)]      // VNI would read "Ỹn": y takes no final
    [InlineData("Phan Thò An", "Phan Thị An", LegacyEncoding.Vni)]            // "Thò" is Unicode too, but no name syllable
    [InlineData("Phan Minh Dòng", "Phan Minh Dũng", LegacyEncoding.Tcvn3)]
    [InlineData("Lª Minh HoÌ", "Lê Minh Hoè", LegacyEncoding.Tcvn3)]          // a capital inside a word is not keyed text
    public void Ambiguous_bytes_are_decoded_by_the_weight_of_evidence(string raw, string decoded, LegacyEncoding expected)
    {
        Assert.True(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(decoded, text);
        Assert.Equal(expected, encoding);
    }

    [Theory]
    [InlineData("Hoà Minh An")]     // VNI bytes for Hồ Minh An, but Hòa Minh An is a name as it stands
    [InlineData("Lý Minh Ý")]
    public void Text_that_reads_as_a_name_in_unicode_is_kept(string raw) =>
        Assert.False(VietnameseText.TryDecodeLegacy(raw, out _, out _));

    public static TheoryData<string> RoundTripNames =>
    [
        "Nguyễn Văn Đức", "Đỗ Thị Ứng", "Lò Văn Ổn", "Hà Thị Ê", "Trương Quốc Khánh", "Phạm Thị Ngọc Ánh",
        "Huỳnh Ngọc Quý", "Võ Thị Thủy", "Ưng Hoàng Phúc", "Nguyễn Thị Yến", "Đặng Văn Ỷ", "Bùi Thị Ngọc Trâm",
        "Dương Quang Huy", "Lương Thị Mỹ Hạnh", "Hồ Sỹ Ước", "Ngô Thị Ẩn", "Châu Văn Ẩm", "Tạ Thị Oanh",
        "Kiều Thị Thanh Hương", "Lý Văn Ơn", "Âu Dương Phượng", "Trịnh Công Sơn", "Đoàn Thị Điểm", "Nông Văn Dền",
    ];

    [Theory]
    [MemberData(nameof(RoundTripNames))]
    public void Tcvn3_round_trips_in_title_case_and_all_caps(string name) => AssertRoundTrip(name, LegacyEncoding.Tcvn3);

    [Theory]
    [MemberData(nameof(RoundTripNames))]
    public void Vni_round_trips_in_title_case_and_all_caps(string name) => AssertRoundTrip(name, LegacyEncoding.Vni);

    private static void AssertRoundTrip(string name, LegacyEncoding encoding)
    {
        foreach (var text in new[] { name, name.ToUpperInvariant() })
        {
            string encoded = VietnameseText.EncodeLegacy(text, encoding);
            Assert.NotEqual(text, encoded);
            Assert.True(encoded.All(c => c <= '\u00FF'), "legacy text must be Windows-1252 characters");

            Assert.True(VietnameseText.TryDecodeLegacy(encoded, out var decoded, out var detected));
            Assert.Equal(encoding, detected);
            Assert.Equal(text, decoded);

            var parsed = PersonName.Parse(encoded);
            Assert.Equal(name, parsed.Display);
            Assert.Equal(encoding, parsed.DecodedFrom);
        }
    }

    [Theory]
    [InlineData("Nguyễn Văn Đức", LegacyEncoding.Tcvn3, "NguyÔn V¨n §øc")]
    [InlineData("Nguyễn Văn Đức", LegacyEncoding.Vni, "Nguyeãn Vaên Ñöùc")]
    [InlineData("Đỗ Thị Ứng", LegacyEncoding.Tcvn3, "§ç ThÞ øng")]
    [InlineData("Đỗ Thị Ứng", LegacyEncoding.Vni, "Ñoã Thò ÖÙng")]
    [InlineData("Nguyễn Văn Đức", LegacyEncoding.None, "Nguyễn Văn Đức")]
    public void Encodes_known_samples(string text, LegacyEncoding encoding, string expected) =>
        Assert.Equal(expected, VietnameseText.EncodeLegacy(text, encoding));

    [Fact]
    public void Encoding_nfd_text_encodes_its_composed_form() =>
        Assert.Equal("NguyÔn V¨n §øc", VietnameseText.EncodeLegacy("Nguyễn Văn Đức".Normalize(System.Text.NormalizationForm.FormD), LegacyEncoding.Tcvn3));

    [Theory]
    [InlineData("")]
    [InlineData("Nguyen Van Hoa")]
    [InlineData("Nguy§n ¤")]        // TCVN3-looking bytes that decode to nothing Vietnamese
    [InlineData("Müller")]
    public void Text_that_is_not_decodable_is_left_alone(string raw)
    {
        Assert.False(VietnameseText.TryDecodeLegacy(raw, out var text, out var encoding));
        Assert.Equal(raw, text);
        Assert.Equal(LegacyEncoding.None, encoding);
    }
}
