using System.Globalization;
using CccdRecon.Core.Names;
using CccdRecon.Data.Review;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The queue's stored sort key orders the cases exactly as the four-hexadecimal-digit key it replaced
/// (<see cref="NameOrder.Storable"/>), is about a quarter as wide, and keeps its order under linguistic and
/// case-insensitive collations (PostgreSQL's ICU ones here; SQL Server's CI collations order digits and capitals alike).
/// </summary>
public sealed class QueueSortKeyTests
{
    private const int OldWidth = 256;

    [Fact]
    public void Random_names_keep_the_order_and_the_ties_of_the_hexadecimal_key()
    {
        var names = RandomNames(new Random(27), 5_000);
        AssertSameOrder(names.Select(NameOrder.SortKey).ToList());
    }

    [Fact]
    public void Any_units_keep_the_order_of_the_hexadecimal_key_cut_at_the_same_length()
    {
        var random = new Random(26);
        var keys = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            // Every range of units the code treats apart, the borders included, and keys longer than the kept 64 units.
            var units = new char[random.Next(0, 80)];
            for (var j = 0; j < units.Length; j++)
            {
                units[j] = (char)(random.Next(6) switch
                {
                    0 => random.Next(0, 0x10),
                    1 => random.Next(0x08, 0x100),
                    2 => random.Next(0xF8, 0x128),
                    3 => random.Next(0x100, 0x120),
                    4 => random.Next(0xB740, 0xB760),
                    _ => random.Next(0, 0x10000),
                });
            }
            keys.Add(new string(units));
            // A key and its prefixes, so that ties and prefixes are compared too.
            keys.Add(new string(units, 0, units.Length / 2));
        }
        keys.AddRange(["", "\u0000", "\u0007", "\u0008", "\u00FF", "\u0100", "\u011F", "\u0120", "\uB74F", "\uB750", "\uFFFF"]);
        AssertSameOrder(keys);
    }

    [Fact]
    public void A_name_takes_about_a_quarter_of_the_hexadecimal_width()
    {
        var names = RandomNames(new Random(25), 2_000);
        var dense = names.Sum(n => ReviewStore.SortKeyOf(n).Length);
        var hex = names.Sum(n => NameOrder.Storable(NameOrder.SortKey(n), OldWidth).Length);
        Assert.InRange(dense, 1, hex * 3 / 10);
        // Given name, surname, middle name: h o a huyền, n g u y ê n ngã, v ă n ngang.
        Assert.Equal("IO930NHTXFN50VAN2", ReviewStore.SortKeyOf("Nguyễn Văn Hòa"));
    }

    [Fact]
    public async Task Cases_keyed_before_the_migration_get_the_new_key_at_start()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await StoreData.StartedBatchAsync(host, 3);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ResultIndexUpkeep");
        var forms = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId).OrderBy(f => f.Id).ToListAsync();
        db.BatchResults.AddRange(forms.Select(f => new Entities.BatchResultRow
        {
            Id = f.Id, BatchId = batchId, FormId = f.FormId, FormRowId = f.Id, Status = Core.Matching.MatchStatus.Review,
        }));
        // As the previous build stored them: four hexadecimal digits per unit of the collation key.
        db.ReviewCases.AddRange(forms.Select(f => new Entities.ReviewCaseRow
        {
            ResultId = f.Id, BatchId = batchId, FormId = f.FormId, Unit = StoreData.Unit, State = Entities.ReviewCaseState.Open,
            SortKey = NameOrder.Storable(NameOrder.SortKey(f.Person.FullName), OldWidth), Flags = "",
        }));
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();
        var upgraded = await host.Get<ReviewStore>().UpgradeAsync(default);

        Assert.Equal(forms.Count, upgraded);
        var keys = await db.ReviewCases.AsNoTracking().OrderBy(c => c.Id).Select(c => c.SortKey).ToListAsync();
        Assert.Equal(forms.Select(f => ReviewStore.SortKeyOf(f.Person.FullName)), keys);
        Assert.Equal(0, await host.Get<ReviewStore>().UpgradeAsync(default));
    }

    [PostgreSqlFact]
    public async Task PostgreSQL_orders_the_keys_alike_under_linguistic_and_case_insensitive_collations()
    {
        await using var host = await StoreHost.StartAsync();
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var keys = RandomNames(new Random(24), 2_000).Select(ReviewStore.SortKeyOf).Distinct(StringComparer.Ordinal).ToList();
        var ordinal = keys.Order(StringComparer.Ordinal).ToList();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE keys (k text)");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO keys SELECT unnest({0}::text[])", [keys.ToArray()]);
        // Case- and accent-insensitive, as SQL Server's default collations are.
        await db.Database.ExecuteSqlRawAsync("CREATE COLLATION insensitive (provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
        foreach (var collation in new[] { "vi-x-icu", "en-x-icu", "und-x-icu", "insensitive" })
        {
            // The collation names are this test's constants.
            var sql = "SELECT k AS \"Value\" FROM keys ORDER BY k COLLATE \"" + collation + "\"";
            var sorted = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
            Assert.Equal(ordinal, sorted);
        }
    }

    /// <summary>The new keys of <paramref name="keys"/> order (ties included) exactly as their old hexadecimal keys.</summary>
    private static void AssertSameOrder(List<string> keys)
    {
        var old = keys.Select(k => NameOrder.Storable(k, OldWidth)).ToList();
        var dense = keys.Select(QueueSortKey.Of).ToList();
        Assert.All(dense, k => Assert.Matches("^[0-9A-Z]*$", k));
        Assert.All(dense, k => Assert.True(k.Length <= OldWidth, k));
        var random = new Random(keys.Count);
        for (var n = 0; n < 50_000; n++)
        {
            var (i, j) = (random.Next(keys.Count), random.Next(keys.Count));
            Assert.Equal(Math.Sign(string.CompareOrdinal(old[i], old[j])), Math.Sign(string.CompareOrdinal(dense[i], dense[j])));
        }
        var indexes = Enumerable.Range(0, keys.Count).ToList();
        Assert.Equal(indexes.OrderBy(i => old[i], StringComparer.Ordinal).ThenBy(i => i).ToList(),
            indexes.OrderBy(i => dense[i], StringComparer.Ordinal).ThenBy(i => i).ToList());
        // A linguistic, case-insensitive comparison orders the symbols as their code points.
        Assert.Equal(indexes.OrderBy(i => dense[i], StringComparer.Ordinal).ThenBy(i => i).ToList(),
            indexes.OrderBy(i => dense[i], StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace)).ThenBy(i => i).ToList());
    }

    /// <summary>Vietnamese names in every tone and letter, with numbers, foreign letters, unreadable ones and very long ones.</summary>
    private static List<string> RandomNames(Random random, int count)
    {
        string[] syllables =
        [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
            "Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "An", "Anh", "Bình", "Châu", "Dũng", "Dung", "Hà", "Hải",
            "Hạnh", "Hiếu", "Hoa", "Hòa", "Hoà", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Nhung",
            "Phong", "Phúc", "Phương", "Quân", "Quý", "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Trung", "Tuấn", "Việt", "Yến",
            "Xuân", "Ánh", "Ấn", "Ẩn", "Ẫn", "Ặn", "ba", "bà", "bả", "bã", "bá", "bạ", "Fa", "Joan", "Wil", "Zô", "José", "Müller",
            "Ωmega", "李", "12", "007", "Số", "NGUYỄN", "nguyễn",
        ];
        var names = new List<string> { "", " ", "???", "-", "Nguyễn Văn Hòa", "NGUYỄN  VĂN HOÀ" };
        while (names.Count < count)
        {
            var words = Enumerable.Range(0, random.Next(1, random.Next(10) == 0 ? 30 : 5)).Select(_ => syllables[random.Next(syllables.Length)]);
            names.Add(string.Join(random.Next(8) == 0 ? "  " : " ", words));
        }
        return names;
    }
}
