using System.Text;
using CccdRecon.Core.Interchange;

namespace CccdRecon.Core.Tests.Interchange;

public sealed class ReadFormsTests
{
    private const string Header = "form_id,personal_id,full_name,date_of_birth,gender,permanent_address\n";

    [Fact]
    public void Reads_every_column_as_keyed()
    {
        var (forms, rejections) = CsvInput.Forms(
            Header +
            "DC01-0001,001 090 012 345,Nguyễn Văn An,12/03/1990,Nam,\"Số 5, ngõ 12 Láng Hạ, Đống Đa, Hà Nội\"\n" +
            "DC01-0002,,  trần thị  BÌNH ,1985,Nữ,\n");

        Assert.Empty(rejections);
        Assert.Equal(2, forms.Count);
        var an = forms[0];
        Assert.Equal("DC01-0001", an.FormId);
        Assert.Equal("001 090 012 345", an.PersonalId);
        Assert.Equal("Nguyễn Văn An", an.FullName);
        Assert.Equal("12/03/1990", an.DateOfBirth);
        Assert.Equal("Nam", an.Gender);
        Assert.Equal("Số 5, ngõ 12 Láng Hạ, Đống Đa, Hà Nội", an.PermanentAddress);
        Assert.Null(an.FatherName); // column absent

        var binh = forms[1];
        Assert.Null(binh.PersonalId); // empty cell
        Assert.Null(binh.PermanentAddress);
        Assert.Equal("  trần thị  BÌNH ", binh.FullName); // values stay exactly as keyed; names are normalized downstream
    }

    [Fact]
    public void Matches_columns_by_name_in_any_order_and_case_and_ignores_unknown_ones()
    {
        var (forms, rejections) = CsvInput.Forms(
            " Full_Name ,ghi_chu,GENDER,Form_ID,mother_name,Date_Of_Birth\n" +
            "Lê Thị Hoa,đã xác minh,F,HP-77,Phạm Thị Lan,1990\n");

        Assert.Empty(rejections);
        var hoa = Assert.Single(forms);
        Assert.Equal("HP-77", hoa.FormId);
        Assert.Equal("Lê Thị Hoa", hoa.FullName);
        Assert.Equal("F", hoa.Gender);
        Assert.Equal("Phạm Thị Lan", hoa.MotherName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_with_or_without_a_byte_order_mark(bool bom)
    {
        var (forms, rejections) = CsvInput.Forms("date_of_birth,gender,form_id,full_name\n,,F1,Đặng Thị Thu\n", bom);

        Assert.Empty(rejections);
        Assert.Equal("F1", Assert.Single(forms).FormId); // the BOM is not part of the first column's name
    }

    [Fact]
    public void Reads_crlf_line_endings_and_a_last_line_without_one()
    {
        var (forms, rejections) = CsvInput.Forms("date_of_birth,gender,form_id,full_name\r\n,,F1,Võ Văn Kiệt\r\n,,F2,Hồ Thị Xuân");

        Assert.Empty(rejections);
        Assert.Equal(["Võ Văn Kiệt", "Hồ Thị Xuân"], forms.Select(f => f.FullName));
    }

    [Theory]
    [InlineData("personal_id,full_name\n001090012345,Nguyễn Văn An\n", "form_id")]
    [InlineData("form_id,ho_ten\nF1,Nguyễn Văn An\n", "full_name")]
    [InlineData("id;full_name\nF1;Nguyễn Văn An\n", "form_id")]
    [InlineData("form_id,full_name\nF1,Nguyễn Văn An\n", "date_of_birth, gender")]  // accepted before: every form no_match
    [InlineData("form_id,full_name,gender\nF1,Nguyễn Văn An,Nam\n", "date_of_birth")]
    [InlineData("form_id,full_name,date_of_birth\nF1,Nguyễn Văn An,1990\n", "gender")]
    public void A_header_without_a_required_column_fails_the_file_before_any_row(string csv, string column)
    {
        var rejections = new List<CsvRejection>();
        var forms = InterchangeCsv.ReadForms(new MemoryStream(CsvInput.Bytes(csv)), rejections.Add);

        var exception = Assert.Throws<InterchangeFormatException>(() => forms.First());
        Assert.Contains(column, exception.Message);
        Assert.Empty(rejections);
    }

    [Fact]
    public void An_empty_file_has_no_header()
    {
        var forms = InterchangeCsv.ReadForms(new MemoryStream([]), _ => { });

        var exception = Assert.Throws<InterchangeFormatException>(() => forms.ToList());
        Assert.Contains("header", exception.Message);
    }

    [Fact]
    public void A_header_naming_a_column_twice_fails_the_file()
    {
        var forms = InterchangeCsv.ReadForms(new MemoryStream(CsvInput.Bytes("form_id,full_name,Full_Name\nF1,An,Bình\n")), _ => { });

        Assert.Contains("full_name", Assert.Throws<InterchangeFormatException>(() => forms.ToList()).Message);
    }

    [Fact]
    public void Rows_with_the_wrong_column_count_are_rejected_with_their_line_and_the_rest_kept_in_order()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,form_id,full_name,gender\n" +  // 1
            ",F1,Nguyễn Văn An,Nam\n" +                   // 2
            ",F2,Trần Thị Bình\n" +                       // 3 too few
            ",F3,Lê Văn Cường,Nam,thừa\n" +               // 4 too many
            ",F4,Phạm Thị Dung,Nữ\n");                    // 5

        Assert.Equal(["F1", "F4"], forms.Select(f => f.FormId));
        Assert.Equal([3L, 4L], rejections.Select(r => r.Line));
        Assert.All(rejections, r => Assert.Contains("column count", r.Reason));
    }

    [Fact]
    public void A_stray_quote_inside_a_field_rejects_that_row_only()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name,permanent_address\n" +
            ",,F1,Nguyễn Văn \"Tèo\",Hà Nội\n" +         // 2 quote inside an unquoted field
            ",,F2,\"Trần Thị Bình\"x,Huế\n" +           // 3 text after the closing quote
            ",,F3,Lê Văn Cường,Đà Nẵng\n");

        Assert.Equal(["F3"], forms.Select(f => f.FormId));
        Assert.Equal([(2L, "bad quoting: a stray quote"), (3L, "bad quoting: a stray quote")], rejections.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_good_rows_after_it()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name,permanent_address\n" +  // 1
            ",,F1,\"Nguyễn Văn An,Hà Nội\n" +            // 2 quote never closed on its line
            ",,F2,Trần Thị Bình,\"12 Lê Lợi, Huế\"\n" +  // 3
            ",,F3,Lê Văn Cường,Đà Nẵng\n" +              // 4
            ",,F4,Phạm Thị Dung,\"Cần Thơ\"\n");         // 5

        Assert.Equal(["F2", "F3", "F4"], forms.Select(f => f.FormId));
        Assert.Equal("12 Lê Lợi, Huế", forms[0].PermanentAddress);
        var rejection = Assert.Single(rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Contains("quot", rejection.Reason);
    }

    [Fact]
    public void An_unclosed_quote_running_to_the_end_of_the_file_loses_only_its_line()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name,permanent_address\n" +
            ",,F1,Nguyễn Văn An,Hà Nội\n" +
            ",,F2,Trần Thị Bình,\"12 Lê Lợi\n" +
            ",,F3,Lê Văn Cường,Đà Nẵng\n" +
            ",,F4,Phạm Thị Dung,Cần Thơ\n");

        Assert.Equal(["F1", "F3", "F4"], forms.Select(f => f.FormId));
        Assert.Equal((3L, "bad quoting: a quoted field is never closed"), (Assert.Single(rejections).Line, rejections[0].Reason));
    }

    [Fact]
    public void An_unclosed_quote_in_a_large_file_is_bounded_and_the_rows_after_it_kept()
    {
        // More than the 1 MiB a record may take, so the reader gives up on the record instead of buffering the file.
        var csv = new StringBuilder("date_of_birth,gender,form_id,full_name,permanent_address\n,,F0,\"Nguyễn Văn An,Hà Nội\n");
        for (var i = 1; i <= 30_000; i++)
        {
            csv.Append(",,F").Append(i).Append(",Trần Thị Bình,Thôn ").Append(i).Append(" xã Quảng Xương\n");
        }

        var (forms, rejections) = CsvInput.Forms(CsvInput.Bytes(csv.ToString()), chunk: 4096);

        Assert.True(rejections.Count == 1, string.Join("; ", rejections.Take(5)));
        Assert.Equal(30_000, forms.Count);
        Assert.Equal("F1", forms[0].FormId);
        Assert.Equal("F30000", forms[^1].FormId);
        Assert.Equal(2, Assert.Single(rejections).Line);
    }

    [Fact]
    public void A_single_line_too_long_to_buffer_is_skipped_without_holding_it()
    {
        var csv = new StringBuilder("date_of_birth,gender,form_id,full_name,hometown\n,,F1,Nguyễn Văn An,\"");
        csv.Append('x', 3 * 1024 * 1024).Append("\n,,F2,Trần Thị Bình,Huế\n\n\n,,F3,Lê Văn Cường,\"Hà Tĩnh\"\n");

        var (forms, rejections) = CsvInput.Forms(CsvInput.Bytes(csv.ToString()), chunk: 8192);

        Assert.Equal(["F2", "F3"], forms.Select(f => f.FormId));
        Assert.Equal(2, Assert.Single(rejections).Line);
        Assert.Contains("too long", rejections[0].Reason);
    }

    [Fact]
    public void Two_rows_too_long_to_buffer_one_after_the_other_are_each_skipped_once()
    {
        // Found by fuzzing: the second oversized row was skipped from where the first began, so the reader rejected
        // "line 4", "line 5"… for ever without moving on.
        var csv = new StringBuilder("date_of_birth,gender,form_id,full_name,hometown\n,,F1,\"Nguyễn Văn An\n,,F2,Trần Thị Bình,\"");
        csv.Append('x', 2 * 1024 * 1024).Append("\n,,F3,Lê Văn Cường,Hà Tĩnh\n");
        var rejections = new List<CsvRejection>();

        var forms = InterchangeCsv.ReadForms(new MemoryStream(CsvInput.Bytes(csv.ToString())), rejection =>
        {
            rejections.Add(rejection);
            Assert.True(rejections.Count <= 2, "the reader keeps rejecting lines past the end of the file");
        }).ToList();

        Assert.Equal("F3", Assert.Single(forms).FormId);
        Assert.Equal([2L, 3L], rejections.Select(r => r.Line));
        Assert.All(rejections, r => Assert.Contains("too long", r.Reason));
    }

    [Fact]
    public void Lines_that_each_reopen_a_quote_are_each_rejected_and_the_good_rows_among_them_kept()
    {
        // Found by fuzzing: when every line reopens a quote, every line's record runs to the end of the file, and the
        // reader re-read the rest of the file for each line (quadratic). Each such line must still be rejected on its
        // own line, and the good rows among them (unquoted, quoted, over two lines) all kept in order.
        var csv = new StringBuilder("date_of_birth,gender,form_id,full_name,permanent_address\n");
        var line = 1L;
        var rejectedLines = new List<long>();
        var kept = new List<string>();
        for (var i = 1; i <= 300; i++)
        {
            csv.Append(i % 2 == 0 ? "x\",\"y\n" : "a\",\"b,\"c\",,\"d\n");
            rejectedLines.Add(++line);
            if (i % 3 == 0)
            {
                csv.Append($",,DC01-{i},Nguyễn Thị Hoa,Thôn {i} xã Quảng Xương\n");
                line++;
                kept.Add($"DC01-{i}");
            }

            if (i % 7 == 0)
            {
                csv.Append($",,\"DC02-{i}\",\"Trần Văn Quý\",\"Số {i}, ngõ 12 Láng Hạ\"\r\n");
                line++;
                kept.Add($"DC02-{i}");
            }

            if (i % 50 == 0)
            {
                csv.Append($",,DC03-{i},Lê Văn Cường,\"Số {i}\nphố Huế, Hà Nội\"\n");
                line += 2;
                kept.Add($"DC03-{i}");
            }
        }

        var (forms, rejections) = CsvInput.Forms(CsvInput.Bytes(csv.ToString()), chunk: 4096);

        Assert.Equal(kept, forms.Select(f => f.FormId));
        Assert.Equal(rejectedLines, rejections.Select(r => r.Line));
        Assert.All(rejections, r => Assert.Equal("bad quoting: a stray quote", r.Reason));
        Assert.Equal("Số 7, ngõ 12 Láng Hạ", forms.Single(f => f.FormId == "DC02-7").PermanentAddress);
        Assert.Equal("Số 300\nphố Huế, Hà Nội", forms[^1].PermanentAddress);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })] // UTF-16 LE byte order mark (also the start of UTF-32 LE's)
    [InlineData(new byte[] { 0xFE, 0xFF })] // UTF-16 BE
    public void Bytes_like_a_utf16_byte_order_mark_after_a_stray_quote_lose_no_rows(byte[] mark)
    {
        // Found by fuzzing: the reader restarted after the stray quote read those bytes as a byte order mark and
        // every row after them as UTF-16, so all of them were lost.
        byte[] csv = [.. "date_of_birth,gender,form_id,full_name\n,,F1,\"Nguyễn Văn An\n"u8, .. mark, .. "\n,,F2,Trần Thị Bình\n,,F3,Lê Văn Cường\n"u8];

        var (forms, rejections) = CsvInput.Forms(csv);

        Assert.Equal(["F2", "F3"], forms.Select(f => f.FormId));
        Assert.Equal([2L, 3L], rejections.Select(r => r.Line));
    }

    [Fact]
    public void A_header_alone_is_a_file_with_no_rows()
    {
        var (forms, rejections) = CsvInput.Forms("date_of_birth,gender,form_id,full_name\r\n");

        Assert.Empty(forms);
        Assert.Empty(rejections);
    }

    [Fact]
    public void A_quoted_field_over_several_lines_is_read_and_counted_in_later_line_numbers()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name,permanent_address\n" +  // 1
            ",,F1,Nguyễn Văn An,\"Số 5\n" +              // 2
            "ngõ 12 Láng Hạ\r\n" +                     // 3
            "Hà Nội\"\n" +                             // 4
            ",,F2,,Huế\n" +                              // 5 empty full_name
            "\n" +                                     // 6 empty line, skipped
            ",,F3,Lê Văn Cường,Đà Nẵng\n" +              // 7
            ",,F4,Phạm Thị Dung\n");                     // 8 too few columns

        Assert.Equal(["F1", "F3"], forms.Select(f => f.FormId));
        Assert.Equal("Số 5\nngõ 12 Láng Hạ\r\nHà Nội", forms[0].PermanentAddress);
        Assert.Equal([(5L, "full_name is empty"), (8L, "wrong column count: 4 fields where the header has 5")], rejections.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void Rows_with_bytes_that_are_not_utf8_are_rejected()
    {
        // "Nguyễn" as Windows-1258 would store it: 0xD5 is not valid UTF-8 there.
        byte[] bytes =
        [
            .. CsvInput.Bytes("date_of_birth,gender,form_id,full_name\n,,F1,Nguy"), 0xD5, 0x6E,
            .. CsvInput.Bytes("\n,,F2,Trần Thị Bình\n,,F3,Lê Văn "), 0xC3, 0x28,
            .. CsvInput.Bytes("\n,,F4,Phạm Thị Dung\n"),
        ];

        var (forms, rejections) = CsvInput.Forms(bytes);

        Assert.Equal(["F2", "F4"], forms.Select(f => f.FormId));
        Assert.Equal([(2L, "not valid UTF-8"), (4L, "not valid UTF-8")], rejections.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void A_duplicate_form_id_keeps_the_first_row()
    {
        var (forms, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name\n" +
            ",,F1,Nguyễn Văn An\n" +
            ",,F2,Trần Thị Bình\n" +
            ",, F1 ,Nguyễn Văn Ân\n");

        Assert.Equal(["Nguyễn Văn An", "Trần Thị Bình"], forms.Select(f => f.FullName));
        Assert.Equal((4L, "duplicate form_id (first on line 2)"), (Assert.Single(rejections).Line, rejections[0].Reason));
    }

    [Fact]
    public void A_rejected_row_does_not_reserve_its_id()
    {
        var (forms, rejections) = CsvInput.Forms("date_of_birth,gender,form_id,full_name\n,,F1,\n,,F1,Nguyễn Văn An\n");

        Assert.Equal("Nguyễn Văn An", Assert.Single(forms).FullName);
        Assert.Equal(2, Assert.Single(rejections).Line);
    }

    [Theory]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,,Nguyễn Văn An\n", "form_id is empty")]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,   ,Nguyễn Văn An\n", "form_id is empty")]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,F1,\n", "full_name is empty")]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,F1,\"\"\n", "full_name is empty")]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,F1,   \n", "full_name is empty")]
    [InlineData("date_of_birth,gender,form_id,full_name\n,,\v,Nguyễn Văn An\n", "form_id is empty")]         // found by fuzzing: ASCII whitespace
    [InlineData("date_of_birth,gender,form_id,full_name\n,,\"\f \v\",Nguyễn Văn An\n", "form_id is empty")]  // other than space and tab
    [InlineData("date_of_birth,gender,form_id,full_name\n,,F1,\t\v\f\n", "full_name is empty")]
    public void Rows_without_an_id_or_a_name_are_rejected(string csv, string reason)
    {
        var (forms, rejections) = CsvInput.Forms(csv);

        Assert.Empty(forms);
        Assert.Equal((2L, reason), (Assert.Single(rejections).Line, rejections[0].Reason));
    }

    [Fact]
    public void A_field_over_1000_characters_is_rejected_but_1000_multi_byte_characters_are_not()
    {
        var exactly = new string('ữ', 1000); // 3,000 bytes of UTF-8, 1,000 characters
        var over = new string('a', 1001);
        var (forms, rejections) = CsvInput.Forms($"date_of_birth,gender,form_id,full_name,hometown\n,,F1,Nguyễn Văn An,{exactly}\n,,F2,Trần Thị Bình,{over}\n,,F3,Lê Văn Cường,\n");

        Assert.Equal(["F1", "F3"], forms.Select(f => f.FormId));
        Assert.Equal((3L, "hometown is longer than 1,000 characters"), (Assert.Single(rejections).Line, rejections[0].Reason));
    }

    [Fact]
    public void Reasons_never_quote_the_personal_data()
    {
        var (_, rejections) = CsvInput.Forms(
            "date_of_birth,gender,form_id,full_name,personal_id\n" +
            ",,F1,Nguyễn Văn \"Tèo\",001090012345\n" +
            ",,F2,Trần Thị Bình,001090012346,extra\n" +
            ",,F3,Lê Văn Cường,038185004321\n" +
            ",,F3,Lê Văn Cường,038185004321\n" +
            ",,F4,\"Phạm Thị Dung\n");

        Assert.Equal(4, rejections.Count);
        foreach (var reason in rejections.Select(r => r.Reason))
        {
            Assert.DoesNotContain("Tèo", reason);
            Assert.DoesNotContain("Bình", reason);
            Assert.DoesNotContain("Cường", reason);
            Assert.DoesNotContain("Dung", reason);
            Assert.DoesNotContain("0010900", reason);
            Assert.DoesNotContain("038185", reason);
        }
    }

    [Fact]
    public void A_slow_forward_only_stream_gives_the_same_result_as_a_file()
    {
        var csv = CsvInput.Bytes(
            "date_of_birth,gender,form_id,full_name,permanent_address\n" +
            ",,F1,\"Nguyễn Văn An,Hà Nội\n" +
            ",,F2,Trần Thị Bình,\"12 Lê Lợi,\n Huế\"\n" +
            ",,F3,Lê Văn Cường,Đà Nẵng\n", bom: true);

        var whole = CsvInput.Forms(csv);
        var trickled = CsvInput.Forms(csv, chunk: 3);

        Assert.Equal(whole.Forms, trickled.Forms);
        Assert.Equal(whole.Rejections, trickled.Rejections);
        Assert.Equal(["F2", "F3"], trickled.Forms.Select(f => f.FormId));
        Assert.Equal(2, Assert.Single(trickled.Rejections).Line);
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        var csv = new StringBuilder("date_of_birth,gender,form_id,full_name\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append(",,F").Append(i).Append(",Nguyễn Văn An\n");
        }

        using var cancellation = new CancellationTokenSource();
        var read = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in InterchangeCsv.ReadForms(new MemoryStream(CsvInput.Bytes(csv.ToString())), _ => { }, cancellation.Token))
            {
                if (++read == 100)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.True(read < 20_000);
    }
}
