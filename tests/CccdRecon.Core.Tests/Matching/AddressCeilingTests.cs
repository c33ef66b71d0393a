using CccdRecon.Core.Addresses;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// The address's part of the bound taken before a candidate's name is compared (<see cref="CandidateScoreBound.AddressCeiling"/>)
/// is read from two <see cref="AddressSketch"/>es: another province on the 2025 map, another house number. It must be
/// at least the address's weight in full for every pair, whatever the addresses (merged provinces named by their old
/// and new names, partial addresses, foreign text, no house number on a side), or a candidate could be set aside that
/// would have won.
/// </summary>
public sealed class AddressCeilingTests
{
    private static readonly string[] Provinces = ["Hà Nội", "Nam Định", "Ninh Bình", "Hà Nam", "Bắc Kạn", "Thái Nguyên", "TP HCM", "Tỉnh Thái Ngyên", ""];
    private static readonly string[] Communes = ["phường Hưng Đạo", "xã Tiên Hội", "xã La Bằng", "Phú Mỹ", "", "thị trấn Đông Anh"];
    private static readonly string[] Hamlets = ["đường Trần Phú", "thôn Đông", "xóm 4", "tổ 4", "Lê Lợi", ""];
    private static readonly string[] Houses = ["Số 12", "số 12", "12", "Số 13", "SN 12/3", "ngõ 5", "Số 101", ""];
    private static readonly string[] Foreign = ["12 Baker Street, London", "13 Baker Street, London", "221B Baker Street", "Rue 12, Paris"];

    private static string? Address(Random rng)
    {
        if (rng.Next(12) == 0) return null;
        if (rng.Next(8) == 0) return Foreign[rng.Next(Foreign.Length)];
        var parts = new[] { Houses[rng.Next(Houses.Length)], Hamlets[rng.Next(Hamlets.Length)], Communes[rng.Next(Communes.Length)], Provinces[rng.Next(Provinces.Length)] };
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }

    private static PersonProfile Record(string? address) =>
        PersonProfile.FromRecord(new RegistryRecord { RecordId = "R", FullName = "Nguyễn Văn An", PermanentAddress = address }, new DateOnly(2026, 11, 22));

    private static PersonProfile Form(string? address) =>
        PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = "Nguyễn Văn An", PermanentAddress = address }, new DateOnly(2026, 11, 22));

    [Fact]
    public void The_address_ceiling_is_never_below_the_address_weight_in_full()
    {
        var rng = new Random(2026_12_03);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        var bound = new CandidateScoreBound(index, MatchModel.Default);
        var model = MatchModel.Default;
        int provinceRule = 0, houseRuleByParts = 0, houseRuleAsText = 0, sameHouse = 0;
        for (var n = 0; n < 30_000; n++)
        {
            var formText = Address(rng);
            // A quarter of the pairs are one address, written alike or under the other name of its province.
            var recordText = rng.Next(4) == 0 ? formText?.Replace("Nam Định", "Ninh Bình", StringComparison.Ordinal).Replace("Số 12", "số 12", StringComparison.Ordinal) : Address(rng);
            var (form, record) = (Form(formText), Record(recordText));
            if (!FieldComparer.HasRest(form, record, MatchField.Address)) continue;
            var c = new PairComparison { Levels = LevelVector.Missing };
            FieldComparer.CompareAddress(form, record, ref c);
            var full = model.Evidence(c.Levels, 0);
            var (f, r) = (AddressSketch.Of(form.ParsedAddress), AddressSketch.Of(record.ParsedAddress));
            var ceiling = bound.AddressCeiling(f, r);
            Assert.True(full <= ceiling + 1e-9, $"'{formText}' against '{recordText}': {c.Levels.Address}/{c.Levels.AddressText} weighs {full:0.00}, above the ceiling {ceiling:0.00}");
            if (AddressSketch.ProvincesDiffer(f, r)) provinceRule++;
            else if (AddressSketch.HousesDiffer(f, r)) { if (f.Vietnamese || r.Vietnamese) houseRuleByParts++; else houseRuleAsText++; }
            if (c.Levels.Address == AddressMatchLevel.SameHouse) sameHouse++;
        }
        // A real test: every tightened case, and the level it takes away, were met.
        Assert.True(provinceRule > 1_000, $"provinces differ in {provinceRule} pairs");
        Assert.True(houseRuleByParts > 1_000, $"house numbers differ by parts in {houseRuleByParts} pairs");
        Assert.True(houseRuleAsText > 50, $"house numbers differ as text in {houseRuleAsText} pairs");
        Assert.True(sameHouse > 1_000, $"same house in {sameHouse} pairs");
    }

    [Fact]
    public void Another_province_or_house_number_lowers_the_ceiling_and_the_same_house_keeps_it()
    {
        var bound = new CandidateScoreBound(new RegistryIndex(new DateOnly(2026, 11, 22)), MatchModel.Default);
        var model = MatchModel.Default;
        static AddressSketch Of(string text) => AddressSketch.Of(VietnameseAddress.Parse(text));
        var best = model.Weight(MatchField.Address, (int)AddressMatchLevel.SameHouse);
        var home = Of("Số 12, đường Trần Phú, phường Hưng Đạo, Nam Định");

        Assert.Equal(best, bound.AddressCeiling(home, Of("Số 12, đường Trần Phú, phường Hưng Đạo, Nam Định")), 9);
        // Nam Định went into Ninh Bình in 2025: the same place under either name keeps the full ceiling.
        Assert.Equal(best, bound.AddressCeiling(home, Of("Số 12, đường Trần Phú, phường Hưng Đạo, Ninh Bình")), 9);
        Assert.Equal(Math.Max(0, model.Weight(MatchField.Address, (int)AddressMatchLevel.Different)),
            bound.AddressCeiling(home, Of("Số 12, đường Trần Phú, phường Hưng Đạo, Thái Nguyên")), 9);
        var otherHouse = bound.AddressCeiling(home, Of("Số 14, đường Trần Phú, phường Hưng Đạo, Nam Định"));
        Assert.Equal(model.Weight(MatchField.Address, (int)AddressMatchLevel.SameHamlet), otherHouse, 9);
        Assert.True(otherHouse < best);
        // No house number on a side: the same house cannot be ruled out.
        Assert.Equal(best, bound.AddressCeiling(home, Of("đường Trần Phú, phường Hưng Đạo, Nam Định")), 9);
        // An address not looked at (the default sketch) bounds nothing.
        Assert.True(bound.AddressCeiling(default, home) >= best);
    }
}
