using CccdRecon.Data.Entities;
using CccdRecon.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// An import stores each record's province of residence (the column cluster mode loads partitions by) from the address
/// the index parses anyway: the value must be the one a parse of the address by itself gives, for every kind of address.
/// </summary>
public sealed class RegistryResidenceTests
{
    [Fact]
    public async Task An_import_stores_the_residence_a_parse_of_the_address_gives()
    {
        await using var host = await StoreHost.StartAsync();
        string?[] addresses =
        [
            "Số 12 phố Lương Ngọc Quyến, TP. Thái Nguyên", "Xã Yên Trạch, huyện Phú Lương, tỉnh Thái Nguyên", "phường Bến Thành, Quận 1, TP Hồ Chí Minh",
            "Thôn 3, xã Hòa Phú", "nowhere known", "", "   ", null,
        ];
        var records = addresses.Select((a, i) => StoreData.Record(i + 1) with { PermanentAddress = a }).ToList();
        await host.Get<RegistryStore>().ImportAsync(new RegistryImport(), records, StoreHost.Admin, default);

        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var stored = await db.RegistryRecords.AsNoTracking().ToDictionaryAsync(r => r.RecordId, r => r.ResidenceProvince);
        Assert.Equal(records.Count, stored.Count);
        foreach (var record in records)
        {
            Assert.Equal(RegistryRecordRow.ResidenceOf(record.PermanentAddress), stored[record.RecordId]);
        }
        Assert.Contains(stored.Values, v => v != "");
    }
}
