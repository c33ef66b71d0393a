using CccdRecon.Core.Addresses;
using CccdRecon.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Each review case keeps the commune of its form's address (Core's <see cref="AddressCommune"/>, as the correction lists
/// read it), written with the case, so the dashboard groups cases by commune in the database; cases stored before the
/// column existed get it at start (<see cref="ReviewStore.UpgradeCommunesAsync"/>). On SQLite and on PostgreSQL.
/// </summary>
public sealed class CaseCommuneTests
{
    private static readonly string[] Addresses =
    [
        "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên",
        "TO 7 P. HOANG VAN THU TP THAI NGUYEN",
        "Xóm Chè, xã Tân Cương, TP. Thái Nguyên",
        "",
    ];

    private static async Task<(StoreHost Host, string BatchId)> BatchAsync()
    {
        var host = await StoreHost.StartAsync();
        var records = Enumerable.Range(1, Addresses.Length).Select(ReviewScenario.Hoa).ToList();
        await ReviewScenario.ImportAsync(host, records);
        var forms = records.Select((r, i) => ReviewScenario.DroppedMiddleName(r, $"F-{i}") with { PermanentAddress = Addresses[i] }).ToList();
        forms.Add(ReviewScenario.Stranger("F-STRANGER"));
        return (host, await ReviewScenario.RunBatchAsync(host, forms));
    }

    private static async Task<Dictionary<string, (string? Key, string? Label)>> StoredAsync(StoreHost host, string batchId)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        return await db.ReviewCases.AsNoTracking().Where(c => c.BatchId == batchId)
            .ToDictionaryAsync(c => c.FormId, c => (c.CommuneKey, c.Commune));
    }

    private static (string Key, string Label) Expected(string? address) => AddressCommune.Of(address) is { } c ? (c.Key, c.Label) : ("", "");

    [Fact]
    public async Task A_case_is_written_with_the_commune_of_its_form_address()
    {
        var (host, batchId) = await BatchAsync();
        await using var _ = host;
        var stored = await StoredAsync(host, batchId);

        Assert.Equal(Addresses.Length + 1, stored.Count);
        for (var i = 0; i < Addresses.Length; i++)
        {
            Assert.Equal(Expected(Addresses[i]), stored[$"F-{i}"]);
        }
        Assert.Equal(Expected(ReviewScenario.Stranger("x").PermanentAddress), stored["F-STRANGER"]);
        // Two spellings of one ward: one key, each its own label; no address, no commune ("" rather than "not read yet").
        Assert.Equal(stored["F-0"].Key, stored["F-1"].Key);
        Assert.NotEqual(stored["F-0"].Label, stored["F-1"].Label);
        Assert.NotEqual(stored["F-0"].Key, stored["F-2"].Key);
        Assert.Equal(("", ""), stored["F-3"]);
    }

    [Fact]
    public async Task Cases_stored_before_the_column_existed_get_their_commune_at_start()
    {
        var (host, batchId) = await BatchAsync();
        await using var _ = host;
        var written = await StoredAsync(host, batchId);
        await using (var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync())
        {
            // As the migration leaves them.
            await db.ReviewCases.ExecuteUpdateAsync(u => u.SetProperty(c => c.CommuneKey, (string?)null).SetProperty(c => c.Commune, (string?)null));
        }

        var review = host.Get<ReviewStore>();
        Assert.Equal(written.Count, await review.UpgradeCommunesAsync(default));
        Assert.Equal(written, await StoredAsync(host, batchId));
        Assert.Equal(0, await review.UpgradeCommunesAsync(default));
    }
}
