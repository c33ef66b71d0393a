using System.Text;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Interchange;

public sealed class WriteTests
{
    private static readonly SurveyForm Tricky = new()
    {
        FormId = "DC01-0042",
        PersonalId = "001.090.012.345",
        FullName = " Nguyễn Văn \"Tèo\" ",               // quotes and edge spaces
        DateOfBirth = "ngày 5 tháng 3 năm 1962",
        Gender = "Nam",
        BirthPlace = "Hà Nội",
        Hometown = "Xã Hoằng Lộc,\nhuyện Hoằng Hóa",     // comma and line break
        Ethnicity = "H'Mông",
        PermanentAddress = "Số 5, ngõ 12\r\nLáng Hạ",
        FatherName = "=Nguyễn Văn Ba",                    // looks like a formula; kept as is
        MotherName = null,
    };

    private static readonly RegistryRecord Hoa = new()
    {
        RecordId = "HT-0001",
        PersonalId = "038185004321",
        OldId = "172345678",
        FullName = "Lê Thị Hoa",
        DateOfBirth = "1985-07",
        Gender = "female",
        BirthPlace = "Thanh Hóa",
        Hometown = "Xã Hoằng Lộc, huyện Hoằng Hóa",
        Ethnicity = "Kinh",
        PermanentAddress = "Số 3, phố Lò Đúc, Hà Nội",
        FatherName = "Lê Văn Tám",
        MotherName = "Phạm Thị \"Lan\"",
    };

    private static MemoryStream Utf8(StringWriter writer) => new(Encoding.UTF8.GetBytes(writer.ToString()));

    [Fact]
    public void Forms_round_trip_through_the_file_unchanged()
    {
        SurveyForm plain = new() { FormId = "DC01-0043", FullName = "Trần Thị Bình" };
        var writer = new StringWriter();

        InterchangeCsv.WriteForms(writer, [Tricky, plain]);
        var rejections = new List<CsvRejection>();
        var read = InterchangeCsv.ReadForms(Utf8(writer), rejections.Add).ToList();

        Assert.Empty(rejections);
        Assert.Equal([Tricky, plain], read);
    }

    [Fact]
    public void Registry_records_round_trip_through_the_file_unchanged()
    {
        var writer = new StringWriter();

        InterchangeCsv.WriteRegistry(writer, [Hoa]);
        var read = InterchangeCsv.ReadRegistry(Utf8(writer), r => Assert.Fail(r.Reason)).ToList();

        Assert.Equal(Hoa, Assert.Single(read));
        Assert.StartsWith(
            "record_id,personal_id,old_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity,permanent_address,father_name,mother_name\r\n",
            writer.ToString());
    }

    [Fact]
    public void Output_is_rfc4180_crlf_with_quoting_only_where_needed()
    {
        var writer = new StringWriter();

        InterchangeCsv.WriteForms(writer, [new SurveyForm { FormId = "F1", FullName = "Nguyễn Văn \"Tèo\"", PermanentAddress = "Số 5, Láng Hạ" }]);

        Assert.Equal(
            "form_id,personal_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity,permanent_address,father_name,mother_name\r\n" +
            "F1,,\"Nguyễn Văn \"\"Tèo\"\"\",,,,,,\"Số 5, Láng Hạ\",,\r\n",
            writer.ToString());
    }

    [Fact]
    public void An_empty_sequence_writes_the_header_alone()
    {
        var writer = new StringWriter();

        InterchangeCsv.WriteRejections(writer, []);

        Assert.Equal("line,reason\r\n", writer.ToString());
    }

    [Fact]
    public void Rejections_are_written_as_line_and_reason()
    {
        var writer = new StringWriter();

        InterchangeCsv.WriteRejections(writer, [new CsvRejection(3, "wrong column count: 2 fields where the header has 3"), new CsvRejection(1_300_001, "not valid UTF-8")]);

        Assert.Equal("line,reason\r\n3,wrong column count: 2 fields where the header has 3\r\n1300001,not valid UTF-8\r\n", writer.ToString());
    }

    [Fact]
    public void Results_have_three_decimal_scores_and_flags_and_read_back()
    {
        Reconciliation[] results =
        [
            Result("F1", MatchStatus.Review, "HT-9", 0.98765, ("full_name", "missing_middle_name"), ("date_of_birth", "day_month_swapped")),
            Result("F2", MatchStatus.Clean, "HT-10", 1),
            Result("F3", MatchStatus.NoMatch, null, 0.0004),
            Result("F4", MatchStatus.Ambiguous, "HT-11", 0.5),
        ];
        var writer = new StringWriter();

        InterchangeCsv.WriteResults(writer, results);

        Assert.Equal(
            "form_id,status,record_id,score,flags\r\n" +
            "F1,review,HT-9,0.988,full_name:missing_middle_name;date_of_birth:day_month_swapped\r\n" +
            "F2,clean,HT-10,1.000,\r\n" +
            "F3,no_match,,0.000,\r\n" +
            "F4,ambiguous,HT-11,0.500,\r\n",
            writer.ToString());

        var read = InterchangeCsv.ReadResults(Utf8(writer), r => Assert.Fail(r.Reason)).ToList();
        Assert.Equal(["F1", "F2", "F3", "F4"], read.Select(r => r.FormId));
        Assert.Equal([MatchStatus.Review, MatchStatus.Clean, MatchStatus.NoMatch, MatchStatus.Ambiguous], read.Select(r => r.Status));
        Assert.Equal(["HT-9", "HT-10", null, "HT-11"], read.Select(r => r.RecordId));
        Assert.Equal([0.988, 1.0, 0.0, 0.5], read.Select(r => r.Score));
        Assert.Equal([new FlagPair("full_name", "missing_middle_name"), new FlagPair("date_of_birth", "day_month_swapped")], read[0].Flags);
        Assert.Empty(read[1].Flags);
    }

    [Fact]
    public void Results_scores_use_a_dot_whatever_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("vi-VN"); // decimal comma
        try
        {
            var writer = new StringWriter();
            InterchangeCsv.WriteResults(writer, [Result("F1", MatchStatus.Clean, "HT-1", 0.25)]);

            Assert.EndsWith("F1,clean,HT-1,0.250,\r\n", writer.ToString());
            Assert.Equal(0.25, Assert.Single(InterchangeCsv.ReadResults(Utf8(writer), r => Assert.Fail(r.Reason))).Score);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Unreadable_results_rows_are_rejected_with_their_line()
    {
        var csv =
            "form_id,status,record_id,score,flags\n" +
            "F1,clean,HT-1,0.990,\n" +
            "F2,sạch,HT-2,0.990,\n" +                  // 3 unknown status
            "F3,review,HT-3,chín,\n" +                  // 4 score not a number
            "F4,review,HT-4,1.5,\n" +                   // 5 score out of range
            "F5,review,HT-5,0.700,full_name\n" +        // 6 flag without kind
            "F6,review,,0.900,gender:different\n" +     // 7 matched without record
            "F7,no_match,,0.010,\n";
        var rejections = new List<CsvRejection>();

        var read = InterchangeCsv.ReadResults(new MemoryStream(CsvInput.Bytes(csv)), rejections.Add).ToList();

        Assert.Equal(["F1", "F7"], read.Select(r => r.FormId));
        Assert.Equal([3L, 4L, 5L, 6L, 7L], rejections.Select(r => r.Line));
        Assert.Contains("status", rejections[0].Reason);
        Assert.Contains("score", rejections[1].Reason);
        Assert.Contains("score", rejections[2].Reason);
        Assert.Contains("flags", rejections[3].Reason);
        Assert.Contains("record_id", rejections[4].Reason);
    }

    [Fact]
    public void Review_has_one_row_per_discrepancy()
    {
        var review = Result("F1", MatchStatus.Review, "HT-9", 0.9) with
        {
            Discrepancies =
            [
                new Discrepancy("full_name", "missing_middle_name", "Nguyễn An", "Nguyễn Văn An", "Nguyễn Văn An", "the form lacks a middle name"),
                new Discrepancy("date_of_birth", "day_month_swapped", "03/12/1990", "1990-03-12", "12/03/1990", "day and month swapped"),
            ],
        };
        var writer = new StringWriter();

        InterchangeCsv.WriteReview(writer, [Result("F0", MatchStatus.Clean, "HT-1", 1), review]);

        Assert.Equal(
            "form_id,record_id,field,kind,form_value,registry_value,suggestion,reason\r\n" +
            "F1,HT-9,full_name,missing_middle_name,Nguyễn An,Nguyễn Văn An,Nguyễn Văn An,the form lacks a middle name\r\n" +
            "F1,HT-9,date_of_birth,day_month_swapped,03/12/1990,1990-03-12,12/03/1990,day and month swapped\r\n",
            writer.ToString());

        // Read back, with and without the later reason column; a repeated form and field is refused by line.
        var rejected = new List<CsvRejection>();
        var text = writer + "F1,HT-9,full_name,spelling,x,y,z,again\r\n";
        var rows = InterchangeCsv.ReadReview(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), rejected.Add).ToList();
        Assert.Equal(["full_name", "date_of_birth"], rows.Select(r => r.Field));
        Assert.Equal("the form lacks a middle name", rows[0].Reason);
        Assert.Equal(4, Assert.Single(rejected).Line);
        Assert.Contains("duplicate form_id and field", rejected[0].Reason);
        var older = "form_id,record_id,field,kind,form_value,registry_value,suggestion\r\nF1,HT-9,gender,different,Nam,female,female\r\n";
        var old = Assert.Single(InterchangeCsv.ReadReview(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(older)), r => Assert.Fail(r.Reason)));
        Assert.Null(old.Reason);
        Assert.Equal("female", old.RegistryValue);
    }

    [Fact]
    public void Cases_are_the_forms_that_need_a_person_as_keyed_and_read_back_as_forms()
    {
        var form = new SurveyForm { FormId = "F7", PersonalId = "001234567890", FullName = "Nguyễn  An", PermanentAddress = "Số 1, phường An Khánh, Hà Nội" };
        var writer = new StringWriter();
        InterchangeCsv.WriteCases(writer, [(form with { FormId = "F6" }, Result("F6", MatchStatus.Clean, "HT-1", 1)), (form, Result("F7", MatchStatus.NoMatch, null, 0.1))]);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("form_id,personal_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity,permanent_address,father_name,mother_name,status,record_id", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(",no_match,", lines[1]);
        var back = Assert.Single(InterchangeCsv.ReadForms(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(writer.ToString())), r => Assert.Fail(r.Reason)));
        Assert.Equal(form, back);
    }

    [Fact]
    public void Clean_records_carry_the_form_id_then_the_registry_columns()
    {
        var writer = new StringWriter();

        InterchangeCsv.WriteClean(writer, [new CleanRecord("DC01-0042", Hoa)]);

        var lines = writer.ToString().Split("\r\n");
        Assert.Equal("form_id,record_id,personal_id,old_id,full_name,date_of_birth,gender,birth_place,hometown,ethnicity,permanent_address,father_name,mother_name", lines[0]);
        Assert.Equal("DC01-0042,HT-0001,038185004321,172345678,Lê Thị Hoa,1985-07,female,Thanh Hóa,\"Xã Hoằng Lộc, huyện Hoằng Hóa\",Kinh,\"Số 3, phố Lò Đúc, Hà Nội\",Lê Văn Tám,\"Phạm Thị \"\"Lan\"\"\"", lines[1]);

        // clean.csv is a registry file with an extra column: the registry reader takes it back.
        var record = Assert.Single(InterchangeCsv.ReadRegistry(Utf8(writer), r => Assert.Fail(r.Reason)));
        Assert.Equal(Hoa, record);
    }

    [Fact]
    public void Writers_stream_rather_than_collect_everything_first()
    {
        var writer = new StringWriter();
        var seenBeforeEnd = 0;

        IEnumerable<SurveyForm> Forms()
        {
            for (var i = 0; i < 20_000; i++)
            {
                yield return new SurveyForm { FormId = $"F{i}", FullName = "Nguyễn Văn An", PermanentAddress = "Số 5, ngõ 12 Láng Hạ, Đống Đa, Hà Nội" };
            }

            seenBeforeEnd = writer.GetStringBuilder().Length;
        }

        InterchangeCsv.WriteForms(writer, Forms());

        Assert.True(seenBeforeEnd > 0, "nothing reached the writer before the last record");
        Assert.Equal(20_001, writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static Reconciliation Result(string formId, MatchStatus status, string? recordId, double score, params (string Field, string Kind)[] flags) =>
        new(
            formId,
            status,
            recordId,
            score,
            flags.Select(f => new Discrepancy(f.Field, f.Kind, "", "", "", "")).ToList(),
            [],
            new MatchExplanation(0, [], [], ""));
}
