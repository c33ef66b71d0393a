using System.Collections.Concurrent;
using CccdRecon.Core.Addresses;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// A load hands the caller each readable record's address as the index parsed it, so that a store writing the residence
/// beside the record does not parse every address a second time: once per readable record, by its place in the load,
/// the same parse the address gives by itself, nothing for a record the index refuses.
/// </summary>
public sealed class AddressParsedTests
{
    [Fact]
    public void A_load_hands_each_readable_records_parsed_address_to_the_caller()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        RegistryRecord[] records =
        [
            Record("A", "Nguyễn Văn An", "Số 12 phố Lương Ngọc Quyến, TP. Thái Nguyên"),
            Record("B", "", "Xã Yên Trạch, huyện Phú Lương, tỉnh Thái Nguyên"),
            Record("C", "Trần Thị Bình", null),
            Record("D", "Lê Văn Cường", "Thôn 3, xã Hòa Phú"),
        ];
        var seen = new ConcurrentDictionary<int, VietnameseAddress?>();

        var added = index.AddRange(records, addressParsed: (i, address) => Assert.True(seen.TryAdd(i, address)));

        Assert.Equal(3, added);
        Assert.Equal([0, 2, 3], seen.Keys.Order());
        Assert.NotNull(seen[0]!.ResidenceProvinceCode);
        Assert.Equal(VietnameseAddress.Parse(records[0].PermanentAddress).ResidenceProvinceCode, seen[0]!.ResidenceProvinceCode);
        Assert.Equal(VietnameseAddress.Parse(records[3].PermanentAddress).ResidenceProvinceCode, seen[3]!.ResidenceProvinceCode);
        Assert.Null(seen[2]);
    }

    private static RegistryRecord Record(string id, string name, string? address) => new()
    {
        RecordId = id,
        FullName = name,
        DateOfBirth = "1985-03-12",
        Gender = "male",
        PermanentAddress = address,
    };
}
