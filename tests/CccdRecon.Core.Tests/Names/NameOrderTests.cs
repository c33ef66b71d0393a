using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

/// <summary>Lists sort by given name, then surname, then middle names; the stored key sorts the same under any collation.</summary>
public sealed class NameOrderTests
{
    private static readonly string[] InListOrder =
    [
        "Nguyễn Văn An", "Trần Thị An", "Lê Văn Dũng", "Đặng Thị Dung", "Phạm Văn Đức", "Bùi Thị Hà", "Nguyễn Văn Hòa", "Nguyễn Văn Hoà Bình",
    ];

    [Fact]
    public void Given_name_first_then_surname_with_Đ_after_D()
    {
        var shuffled = InListOrder.Reverse().ToList();
        Assert.Equal(["Nguyễn Văn An", "Trần Thị An", "Nguyễn Văn Hoà Bình", "Đặng Thị Dung", "Lê Văn Dũng", "Phạm Văn Đức", "Bùi Thị Hà", "Nguyễn Văn Hòa"],
            shuffled.OrderBy(NameOrder.SortKey, StringComparer.Ordinal));
    }

    [Fact]
    public void Stored_keys_keep_the_order_in_a_case_insensitive_comparison()
    {
        var keys = InListOrder.Select(n => NameOrder.Storable(NameOrder.SortKey(n), 256)).ToList();
        Assert.All(keys, k => Assert.Matches("^[0-9A-F]*$", k));
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase));
        var byName = InListOrder.OrderBy(NameOrder.SortKey, StringComparer.Ordinal).ToList();
        var byStored = InListOrder.OrderBy(n => NameOrder.Storable(NameOrder.SortKey(n), 256), StringComparer.InvariantCultureIgnoreCase).ToList();
        Assert.Equal(byName, byStored);
        Assert.Equal(8, NameOrder.Storable(NameOrder.SortKey("Nguyễn Văn Hòa"), 10).Length);
    }

    [Fact]
    public void Cosmetic_variants_share_a_key()
        => Assert.Equal(NameOrder.SortKey("Nguyễn Văn Hòa"), NameOrder.SortKey("NGUYỄN  VĂN HOÀ"));
}
