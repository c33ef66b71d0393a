using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The registry the server holds in memory keeps each repeated short value once (a province's 1.3 M records repeat a
/// few thousand dates, places and ethnicities), whether the records came in an import or were loaded at start.
/// </summary>
public sealed class RegistryMemoryTests
{
    [Fact]
    public async Task Repeated_values_are_kept_once_when_imported_and_when_loaded_at_start()
    {
        await using var first = await StoreHost.StartAsync();
        // Each message (and each row read back) brings its own copy of every value.
        RegistryRecord Fresh(int n)
        {
            var r = StoreData.Record(n);
            return r with
            {
                DateOfBirth = new string(r.DateOfBirth), Gender = new string(r.Gender), BirthPlace = new string(r.BirthPlace),
                Hometown = new string("Hà Nam"), Ethnicity = new string("Kinh"),
            };
        }
        Assert.NotSame(Fresh(1).DateOfBirth, Fresh(2).DateOfBirth);

        await first.Get<RegistryStore>().ImportAsync(new RegistryImport(), [Fresh(1)], StoreHost.Admin, default);
        await first.Get<RegistryStore>().ImportAsync(new RegistryImport(), [Fresh(2)], StoreHost.Admin, default);
        AssertShared(first.Get<RegistryIndex>());

        await using var restarted = await StoreHost.StartAsync(first.Folder);
        await restarted.Get<RegistryStore>().LoadIndexAsync(default);
        AssertShared(restarted.Get<RegistryIndex>());
    }

    private static void AssertShared(RegistryIndex index)
    {
        var (a, b) = (index.Get("R0001")!, index.Get("R0002")!);
        Assert.Equal(("1985-03-12", "Kinh"), (a.DateOfBirth, a.Ethnicity));
        Assert.Same(a.DateOfBirth, b.DateOfBirth);
        Assert.Same(a.Gender, b.Gender);
        Assert.Same(a.BirthPlace, b.BirthPlace);
        Assert.Same(a.Hometown, b.Hometown);
        Assert.Same(a.Ethnicity, b.Ethnicity);
    }
}
