using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Places;

namespace CccdRecon.Cluster.Tests;

public sealed class PartitionMapTests
{
    private readonly PartitionMap _map = new(new ClusterOptions());

    private static RegistryRecord Record(string address, string? id = null, string? oldId = null) =>
        new() { RecordId = "R1", FullName = "Nguyễn Văn An", PermanentAddress = address, PersonalId = id, OldId = oldId };

    [Fact]
    public void A_record_written_on_the_63_province_map_lives_with_its_current_province()
    {
        var thaiNguyen = AdministrativeMap.PartitionKey(AdministrativeMap.FindCurrent("Thái Nguyên")!);
        Assert.Equal(thaiNguyen, _map.PartitionOf(Record("Xã Cao Kỳ, Huyện Chợ Mới, Tỉnh Bắc Kạn")));
        Assert.Equal(thaiNguyen, _map.PartitionOf(Record("Phường Phổ Yên, Tỉnh Thái Nguyên")));
        Assert.Equal(PartitionMap.UnplacedPartition, _map.PartitionOf(Record("")));
    }

    [Fact]
    public void A_form_goes_home_to_its_collecting_unit_province_whichever_map_names_it()
    {
        var form = new SurveyForm { FormId = "F1", PermanentAddress = "" };
        Assert.Equal(_map.HomeOf(form, "Bắc Kạn"), _map.HomeOf(form, "Thái Nguyên"));
        Assert.Equal([PartitionMap.UnplacedPartition], _map.HomeOf(form));
    }

    [Fact]
    public void A_large_province_is_split_into_commune_buckets_and_a_form_with_a_known_commune_goes_to_one()
    {
        var hanoi = AdministrativeMap.FindCurrent("Hà Nội")!;
        var buckets = new ClusterOptions().CommuneBuckets[hanoi.AdministrativeCode];
        Assert.Equal(buckets, _map.AllPartitions().Count(p => p.StartsWith(hanoi.AdministrativeCode + "-", StringComparison.Ordinal)));
        var commune = AdministrativeMap.CommunesOf(hanoi).First();
        var address = $"{commune.Name}, Thành phố Hà Nội";
        var record = _map.PartitionOf(Record(address));
        Assert.Equal([record], _map.HomeOf(new SurveyForm { FormId = "F1", PermanentAddress = address }));
        // Without a commune the form looks in every bucket of the province.
        Assert.Equal(buckets, _map.HomeOf(new SurveyForm { FormId = "F1", PermanentAddress = "Hà Nội" }).Count);
    }

    [Fact]
    public void Id_numbers_are_keyed_by_their_digits_however_they_were_typed()
    {
        Assert.Equal(["001085012345", "012345678"], PartitionMap.IdsOf(Record("", "001 085 012 345", "012.345.678")));
        Assert.Equal("001085012345", PartitionMap.IdOf(new SurveyForm { FormId = "F", PersonalId = " 001085012345 " }));
        Assert.Null(PartitionMap.IdOf(new SurveyForm { FormId = "F", PersonalId = "12345" }));
        Assert.Equal(_map.IdBucketOf("001085012345"), new PartitionMap(new ClusterOptions()).IdBucketOf("001085012345"));
    }

    [Fact]
    public void Bad_options_are_refused_with_the_setting_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new PartitionMap(new ClusterOptions { IdBuckets = 0 }));
        Assert.Contains("Cluster:IdBuckets", e.Message, StringComparison.Ordinal);
        Assert.Contains(new ClusterOptions { Enabled = true }.Validate(), p => p.Contains("MembershipConnectionString", StringComparison.Ordinal));
    }
}
