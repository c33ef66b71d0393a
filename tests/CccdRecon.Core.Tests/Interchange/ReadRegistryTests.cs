using CccdRecon.Core.Interchange;

namespace CccdRecon.Core.Tests.Interchange;

public sealed class ReadRegistryTests
{
    [Fact]
    public void Reads_a_registry_record()
    {
        var (records, rejections) = CsvInput.Registry(
            "record_id,personal_id,old_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity,permanent_address,father_name,mother_name\n" +
            "HT-0001,038185004321,172345678,Lê Thị Hoa,1985-07-02,female,Thanh Hóa,\"Xã Hoằng Lộc, huyện Hoằng Hóa\",Kinh,\"Số 3, phố Lò Đúc, Hà Nội\",Lê Văn Tám,Phạm Thị Lan\n");

        Assert.Empty(rejections);
        var hoa = Assert.Single(records);
        Assert.Equal("HT-0001", hoa.RecordId);
        Assert.Equal("038185004321", hoa.PersonalId);
        Assert.Equal("172345678", hoa.OldId);
        Assert.Equal("Lê Thị Hoa", hoa.FullName);
        Assert.Equal("1985-07-02", hoa.DateOfBirth);
        Assert.Equal("female", hoa.Gender);
        Assert.Equal("Thanh Hóa", hoa.BirthPlace);
        Assert.Equal("Xã Hoằng Lộc, huyện Hoằng Hóa", hoa.Hometown);
        Assert.Equal("Kinh", hoa.Ethnicity);
        Assert.Equal("Số 3, phố Lò Đúc, Hà Nội", hoa.PermanentAddress);
        Assert.Equal("Lê Văn Tám", hoa.FatherName);
        Assert.Equal("Phạm Thị Lan", hoa.MotherName);
    }

    [Fact]
    public void Keeps_records_with_an_unknown_birth_date_or_gender_as_null()
    {
        var (records, rejections) = CsvInput.Registry(
            "record_id,full_name,date_of_birth,gender\n" +
            "HT-1,Hà Văn Mạnh,,male\n" +
            "HT-2,Nông Thị Xuân,1950,\n");

        Assert.Empty(rejections);
        Assert.Null(records[0].DateOfBirth);
        Assert.Equal("male", records[0].Gender);
        Assert.Equal("1950", records[1].DateOfBirth);
        Assert.Null(records[1].Gender);
    }

    [Theory]
    [InlineData("record_id,full_name,gender\nHT-1,Hà Văn Mạnh,male\n", "date_of_birth")]
    [InlineData("record_id,full_name,date_of_birth\nHT-1,Hà Văn Mạnh,1950\n", "gender")]
    [InlineData("full_name,date_of_birth,gender\nHà Văn Mạnh,1950,male\n", "record_id")]
    public void A_registry_header_needs_id_name_date_and_gender(string csv, string column)
    {
        var records = InterchangeCsv.ReadRegistry(new MemoryStream(CsvInput.Bytes(csv)), _ => { });

        Assert.Contains(column, Assert.Throws<InterchangeFormatException>(() => records.ToList()).Message);
    }

    [Fact]
    public void Rejects_rows_without_record_id_or_name_and_duplicate_ids()
    {
        var (records, rejections) = CsvInput.Registry(
            "record_id,full_name,date_of_birth,gender\n" +
            ",Hà Văn Mạnh,1950,male\n" +
            "HT-2,,1950,male\n" +
            "HT-3,Nông Thị Xuân,1950-02-01,female\n" +
            "HT-3,Nông Thị Xuân,1950-02-01,female\n");

        Assert.Equal("HT-3", Assert.Single(records).RecordId);
        Assert.Equal(
            [(2L, "record_id is empty"), (3L, "full_name is empty"), (5L, "duplicate record_id (first on line 4)")],
            rejections.Select(r => (r.Line, r.Reason)));
    }

    /// <summary>
    /// Values that repeat down a column (dates, genders, places) are kept once: the same string for the same bytes, short
    /// or long, and never the string of other bytes that share a beginning or a hash slot.
    /// </summary>
    [Fact]
    public void Repeated_values_are_one_string_each_and_stay_exact()
    {
        var longPlace = "Xã Hoằng Lộc, huyện Hoằng Hóa, tỉnh Thanh Hóa"; // past the bytes a slot holds inline
        var rows = Enumerable.Range(0, 3_000).Select(i =>
            $"HT-{i},Lê Thị Hoa {i},{1950 + i % 60}-0{1 + i % 9}-1{i % 10},{(i % 2 == 0 ? "female" : "male")},Thanh Hóa,\"{longPlace}{(i % 3 == 0 ? "" : $" {i % 7}")}\",{(i % 5 == 0 ? " " : "Kinh")}");
        var (records, rejections) = CsvInput.Registry(
            "record_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity\n" + string.Join("\n", rows) + "\n");

        Assert.Empty(rejections);
        Assert.Equal(3_000, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            Assert.Equal($"{1950 + i % 60}-0{1 + i % 9}-1{i % 10}", r.DateOfBirth);
            Assert.Equal(i % 2 == 0 ? "female" : "male", r.Gender);
            Assert.Equal(longPlace + (i % 3 == 0 ? "" : $" {i % 7}"), r.Hometown);
            Assert.Equal(i % 5 == 0 ? null : "Kinh", r.Ethnicity);
        }
        // One instance per distinct value of each column.
        Assert.Equal(records.Select(r => r.DateOfBirth).Distinct().Count(), records.Select(r => r.DateOfBirth).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(records.Select(r => r.Hometown).Distinct().Count(), records.Select(r => r.Hometown).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(2, records.Select(r => r.Gender).Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
