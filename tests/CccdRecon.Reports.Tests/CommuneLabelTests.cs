using CccdRecon.Core.Addresses;
using CccdRecon.Core.Matching;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Places;

namespace CccdRecon.Reports.Tests;

/// <summary>
/// Which label a commune spelt several ways goes by: one rule (<see cref="AddressCommune.BestLabel"/>) for the workbook,
/// the notices and the dashboard, and the batch's own choice where the console knows it, so a list of part of a batch
/// names a commune as the dashboard of the whole batch does.
/// </summary>
public sealed class CommuneLabelTests
{
    private const string Plain = "so 7, thon 1, duong Yen The, phuong An Khanh, Ha Noi";
    private const string Marked = "Số 12, Thôn 3, đường Yên Thế, phường An Khánh, Hà Nội";

    private static CorrectionCase Case(string id, string address) => SampleLists.Review(id, "Lê Văn Tám", address,
        SampleLists.Field(FlaggableField.DateOfBirth, DiscrepancyKind.LunarDate, "15/01/1960", "1960-02-12"));

    [Fact]
    public void The_spelling_with_the_most_diacritics_wins_then_the_most_used()
    {
        Assert.Equal("Phường An Khánh", AddressCommune.BestLabel([("Phường An Khánh", 1), ("Phuong An Khanh", 20)]));
        Assert.Equal("Phường An Khánh", AddressCommune.BestLabel([("Phường An Khanh", 5), ("Phường An Khánh", 3), ("Phuong An Khanh", 20)]));
        // The unit word is spelt out with its diacritics either way: the name's own count.
        Assert.Equal("Phường Hoàng Văn Thụ, Thái Nguyên", AddressCommune.BestLabel([("Phường Hoang Van Thu, Thai Nguyen", 4), ("Phường Hoàng Văn Thụ, Thái Nguyên", 3)]));
        Assert.Equal("Xã B", AddressCommune.BestLabel([("Xã A", 1), ("Xã B", 2), ("Xã A", 0)]));
        // Counted per spelling, whichever way they come.
        Assert.Equal("Xã A", AddressCommune.BestLabel([("Xã A", 1), ("Xã B", 2), ("Xã A", 2)]));
    }

    [Fact]
    public void The_locator_reads_the_commune_core_stores_with_a_case()
    {
        foreach (var address in new[] { Plain, Marked, "Xóm 4, X. Cù Vân, H. Đại Từ, T. Thái Nguyên", "", "Số 9 phố Huế" })
        {
            var core = AddressCommune.Of(address);
            var place = AddressLocator.Instance.Locate(address).Commune;
            Assert.Equal(core?.Key, place?.Key);
            Assert.Equal(core?.Label, place?.Label);
        }
    }

    [Fact]
    public void A_list_takes_the_batch_s_label_for_a_commune_even_when_its_own_forms_spell_it_otherwise()
    {
        var plain = AddressCommune.Of(Plain)!;
        var list = new CorrectionList { BatchId = "B", CreatedAt = SampleLists.Today, Cases = [Case("F1", Plain), Case("F2", Plain)] };
        // Alone, the list names the commune as its forms do.
        Assert.Equal(plain.Label, Assert.Single(CorrectionArrangement.Arrange(list, AddressLocator.Instance).Communes).Label);

        // The batch (its other forms, not on this list) spells it with diacritics: the list follows the batch.
        var batchLabel = AddressCommune.Of(Marked)!.Label;
        Assert.Equal(plain.Key, AddressCommune.Of(Marked)!.Key);
        var section = Assert.Single(CorrectionArrangement.Arrange(list with { CommuneLabels = new Dictionary<string, string> { [plain.Key] = batchLabel } },
            AddressLocator.Instance).Communes);
        Assert.Equal(batchLabel, section.Label);
        Assert.Equal(2, section.Cases.Count());
    }

    [Fact]
    public void An_overlong_commune_is_no_commune_for_the_lists_and_the_database_alike()
    {
        var address = "Tổ 5, phường " + string.Join(' ', Enumerable.Repeat("Hoàng Văn Thụ", 20)) + ", TP. Thái Nguyên";
        Assert.True(address.Length <= AddressCommune.MaxAddressLength);
        Assert.Null(AddressCommune.Of(address));
        Assert.Null(AddressLocator.Instance.Locate(address).Commune);
    }
}
