using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>A reviewer finds the person however the name, date and ID are typed; results come in list order, a page at a time.</summary>
public sealed class RecordSearchTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static RegistryIndex Registry()
    {
        var index = new RegistryIndex(Today);
        index.AddRange([
            RegistryFixture.Hoa, RegistryFixture.TwinA, RegistryFixture.TwinB, RegistryFixture.NamesakeA, RegistryFixture.NamesakeB,
            RegistryFixture.Hoa with { RecordId = "R-HOA-2", PersonalId = "001091099999", OldId = null, DateOfBirth = "1991-05-01" },
            new RegistryRecord { RecordId = "R-DANG", FullName = "Đặng Văn Hòa", DateOfBirth = "1990", PersonalId = "034090011111" },
            new RegistryRecord { RecordId = "R-DUNG", FullName = "Dương Văn Hòa", DateOfBirth = "1990-03-12" },
        ]);
        return index;
    }

    private static List<string> Find(RegistryIndex index, string? name, string? date = null, string? id = null, int limit = 50)
    {
        var criteria = RecordCriteria.Parse(new RecordQuery(name, date, id), Today, out var problems);
        Assert.Empty(problems);
        return index.Search(criteria, null, limit).Select(h => h.Record.RecordId).ToList();
    }

    [Fact]
    public void Name_as_keyed_in_any_case_diacritics_or_encoding()
    {
        var index = Registry();
        foreach (var typed in new[] { "NGUYEN VAN HOA", "nguyễn văn hoà", "Nguyễn Văn Hòa", VietnameseText.EncodeLegacy("Nguyễn Văn Hòa", LegacyEncoding.Vni), "Nguyen Hoa", "nguyen van ho" })
        {
            Assert.Equal(["R-HOA", "R-HOA-2"], Find(index, typed));
        }
    }

    [Fact]
    public void Date_in_any_form_at_the_precision_typed()
    {
        var index = Registry();
        Assert.Equal(["R-HOA"], Find(index, "Nguyen Van Hoa", "12/03/1990"));
        Assert.Equal(["R-HOA"], Find(index, "Nguyen Van Hoa", "12-3-90"));
        Assert.Equal(["R-HOA-2"], Find(index, "Nguyen Van Hoa", "1991"));
        // A registry that knows only the year agrees with any full date of that year.
        Assert.Equal(["R-DUNG", "R-DANG", "R-HOA"], Find(index, "Van Hoa", "1990-03-12"));
    }

    [Fact]
    public void Id_with_spaces_or_the_legacy_number()
    {
        var index = Registry();
        Assert.Equal(["R-HOA"], Find(index, null, id: "001 090 012 345"));
        Assert.Equal(["R-HOA"], Find(index, null, id: "012345678"));
        Assert.Empty(Find(index, "Lê Thị Mai", id: "001090012345"));
    }

    [Fact]
    public void Results_in_list_order_paged_by_key()
    {
        var index = Registry();
        // Given name first: Hòa before Quý; Dương before Đặng before Nguyễn (Đ after D).
        var all = Find(index, "van");
        Assert.Equal(["R-DUNG", "R-DANG", "R-HOA", "R-HOA-2", "R-NS-A", "R-NS-B"], all);
        var criteria = RecordCriteria.Parse(new RecordQuery("van", null, null), Today, out _);
        var pages = new List<string>();
        string? after = null;
        while (true)
        {
            var page = index.Search(criteria, after, 4);
            if (page.Count == 0) break;
            pages.AddRange(page.Select(h => h.Record.RecordId));
            after = page[^1].OrderKey;
        }
        Assert.Equal(all, pages);
    }

    [Fact]
    public void Unreadable_fields_are_named_and_an_empty_query_is_empty()
    {
        var criteria = RecordCriteria.Parse(new RecordQuery("\u0001\u0002", "31/02/1990", "12345"), Today, out var problems);
        Assert.Equal([PersonFields.FullName, PersonFields.DateOfBirth, PersonFields.PersonalId], problems.Select(p => p.Field));
        Assert.True(criteria.IsEmpty);
        Assert.All(problems, p => Assert.DoesNotContain("1990", p.Problem));
    }
}
