using CccdRecon.Cli.Febrl;

namespace CccdRecon.Cli.Tests;

public sealed class FebrlTests
{
    private const string SetA = """
        rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id
        rec-1070-org, michaela, neumann, 8, stanley street, miami, winston hills, 4223, nsw, 19151111, 5304218
        rec-1016-org, courtney, painter, 12, pinkerton circuit, bega flats, richlands, 4560, vic, 19161214, 4066625
        rec-4405-org, lachlan, dumbrell, , , , , 2000, , , 9999999
        """;

    private const string SetB = """
        rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id
        rec-1070-dup-0, michaela, neumann, 8, stanley street, miami, winston hills, 4223, nsw, 19151111, 5304218
        rec-561-dup-0, elton, , 3, light setreet, pinehill, windermere, 3212, vic, 19651013, 1551941
        rec-1016-dup-0, courtney, painter, 12, pinkerton circuit, bega flats, richlands, 4560, vic, 19161314, 4066625
        """;

    private static List<FebrlRecord> Read(string text) => FebrlMapper.Read(new StringReader(text), (_, r) => Assert.Fail(r)).ToList();

    [Fact]
    public void Set_a_becomes_registry_records()
    {
        var registry = Read(SetA).Select(FebrlMapper.ToRegistry).ToList();
        Assert.Equal("rec-1070-org", registry[0].RecordId);
        Assert.Equal("neumann michaela", registry[0].FullName);
        Assert.Equal("1915-11-11", registry[0].DateOfBirth);
        Assert.Equal("8 stanley street, miami, winston hills, nsw 4223", registry[0].PermanentAddress);
        Assert.Equal("", registry[0].Gender);
        Assert.Null(registry[0].PersonalId);
        Assert.Equal("2000", registry[2].PermanentAddress);
    }

    [Fact]
    public void Set_b_becomes_forms_with_dates_keyed_day_first()
    {
        var forms = Read(SetB).Select(FebrlMapper.ToForm).ToList();
        Assert.Equal("rec-1070-dup-0", forms[0].FormId);
        Assert.Equal("11/11/1915", forms[0].DateOfBirth);
        Assert.Equal("elton", forms[1].FullName);
        Assert.Equal("19161314", forms[2].DateOfBirth); // month 13: kept as keyed
    }

    [Fact]
    public void Truth_links_duplicates_to_originals_present_in_set_a()
    {
        var ids = Read(SetA).Select(r => r.RecId).ToHashSet();
        var truth = Read(SetB).Select(b => FebrlMapper.ToTruth(b, ids)).ToList();
        Assert.Equal("rec-1070-org", truth[0].RecordId);
        Assert.Null(truth[1].RecordId);
        Assert.Equal("rec-1016-org", truth[2].RecordId);
        Assert.All(truth, t => Assert.Empty(t.Flags));
    }

    [Fact]
    public void A_line_with_the_wrong_cell_count_is_reported_and_skipped()
    {
        var rejected = new List<long>();
        var rows = FebrlMapper.Read(new StringReader(SetA + "\nrec-9-org, too, few"), (line, _) => rejected.Add(line)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal([5L], rejected);
    }
}
