using System.Text;
using ClosedXML.Excel;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Places;
using CccdRecon.Reports.Wording;
using CccdRecon.Reports.Workbook;

namespace CccdRecon.Reports.Tests;

/// <summary>The workbook read back as staff will open it.</summary>
public sealed class WorkbookTests
{
    private static readonly string[] Special = [CorrectionWorkbook.SummarySheet, CorrectionWorkbook.NoMatchSheet, CorrectionWorkbook.RejectedSheet, CorrectionWorkbook.AmbiguousSheet];

    private static XLWorkbook Build(CorrectionList list, out WorkbookSummary summary, CorrectionScope? scope = null)
    {
        var stream = new MemoryStream();
        summary = CorrectionWorkbook.Write(list, stream, new CorrectionReportOptions { Scope = scope ?? CorrectionScope.All });
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    private static IEnumerable<IXLWorksheet> CommuneSheets(XLWorkbook book) => book.Worksheets.Where(s => !Special.Contains(s.Name));

    private static string Header(IXLWorksheet sheet, string name) =>
        sheet.Row(1).CellsUsed().Single(c => c.GetString() == name).WorksheetColumn().ColumnLetter();

    private static List<IXLRow> DataRows(IXLWorksheet sheet) => sheet.RowsUsed().Skip(1).ToList();

    [Fact]
    public void Every_flagged_field_of_every_case_appears_exactly_once()
    {
        var list = SampleLists.Mixed();
        using var book = Build(list, out var summary);
        var seen = new List<(string Form, string Field, string Reason)>();
        foreach (var sheet in CommuneSheets(book))
        {
            foreach (var row in DataRows(sheet))
            {
                seen.Add((row.Cell(Header(sheet, "Mã phiếu")).GetString(), row.Cell(Header(sheet, "Thông tin cần điều chỉnh")).GetString(),
                    row.Cell(Header(sheet, "Lý do")).GetString()));
            }
        }

        var expected = list.Cases.Where(c => c.Status == CaseStatus.Review)
            .SelectMany(c => c.Fields.Select(f => (c.FormId, VietnameseWording.FieldLabel(f.Field), VietnameseWording.Reason(f.Field, f.Kind))))
            .OrderBy(x => x).ToList();
        Assert.Equal(expected, seen.OrderBy(x => x).ToList());
        Assert.Equal(expected.Count, summary.Fields);
    }

    [Fact]
    public void Unlinked_forms_are_each_on_their_own_sheet_once()
    {
        var list = SampleLists.Mixed();
        using var book = Build(list, out _);
        foreach (var (status, sheetName) in new[] { (CaseStatus.NoMatch, CorrectionWorkbook.NoMatchSheet), (CaseStatus.RejectedLink, CorrectionWorkbook.RejectedSheet), (CaseStatus.Ambiguous, CorrectionWorkbook.AmbiguousSheet) })
        {
            var sheet = book.Worksheet(sheetName);
            var ids = DataRows(sheet).Select(r => r.Cell(Header(sheet, "Mã phiếu")).GetString()).ToList();
            Assert.Equal(list.Cases.Where(c => c.Status == status).Select(c => c.FormId).Order(), ids.Order());
        }

        // And never among the fields to correct.
        var unlinked = list.Cases.Where(c => c.Status != CaseStatus.Review).Select(c => c.FormId).ToHashSet();
        Assert.DoesNotContain(CommuneSheets(book).SelectMany(DataRows), r => unlinked.Contains(r.Cell(7).GetString()));
    }

    [Fact]
    public void Ids_and_dates_are_text_cells_with_their_leading_zeros()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        var sheet = CommuneSheets(book).First(s => DataRows(s).Any(r => r.Cell(7).GetString() == "F002"));
        var row = DataRows(sheet).First(r => r.Cell(7).GetString() == "F002" && r.Cell(8).GetString() == VietnameseWording.FieldLabel(FlaggableField.PersonalId));
        foreach (var column in new[] { "Số định danh/CMND (theo phiếu)", "Ghi trên phiếu", "Ghi trong dữ liệu hộ tịch", "Đề nghị điều chỉnh thành", "Ngày sinh (theo phiếu)" })
            Assert.Equal(XLDataType.Text, row.Cell(Header(sheet, column)).DataType);
        Assert.Equal("001000000002", row.Cell(Header(sheet, "Số định danh/CMND (theo phiếu)")).GetString());
        Assert.Equal("001950123456", row.Cell(Header(sheet, "Ghi trên phiếu")).GetString());
        Assert.Equal("001950123457", row.Cell(Header(sheet, "Ghi trong dữ liệu hộ tịch")).GetString());
        Assert.Equal("12/03/1950", row.Cell(Header(sheet, "Ngày sinh (theo phiếu)")).GetString());

        var legacy = book.Worksheet(CorrectionWorkbook.NoMatchSheet);
        Assert.Equal("012345678", DataRows(legacy)[0].Cell(Header(legacy, "Số định danh/CMND (theo phiếu)")).GetString());
    }

    [Fact]
    public void Keyed_formulas_stay_text()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        var cells = book.Worksheets.SelectMany(s => s.CellsUsed()).ToList();
        Assert.DoesNotContain(cells, c => c.HasFormula);
        Assert.Contains(cells, c => c.GetString() == "=1+2" && c.DataType == XLDataType.Text);
    }

    [Fact]
    public void Vietnamese_text_comes_back_intact_and_in_NFC()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        var texts = book.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()).ToList();
        Assert.All(texts, t => Assert.True(t.IsNormalized(NormalizationForm.FormC), t));
        Assert.Contains("Nguyễn Thị Thuỷ", texts); // keyed in NFD
        Assert.Contains("Huỳnh Thị Thủy", texts);
        Assert.Contains(VietnameseWording.Reason(FlaggableField.FullName, DiscrepancyKind.RegionalVariant), texts);
        Assert.Contains("Nữ", texts); // registry "female" shown as a person reads it
        Assert.Contains("03/12/1950", texts); // registry 1950-12-03
    }

    [Fact]
    public void One_sheet_per_commune_whatever_its_spelling()
    {
        var list = SampleLists.Mixed();
        using var book = Build(list, out _);
        var communes = CommuneSheets(book).Select(s => s.Name).ToList();
        // An Khánh (Hà Nội) keyed four ways, Cù Vân, Tân Lập, and the form without an address under the batch's unit.
        Assert.Equal(4, communes.Count);
        Assert.Contains("Phường An Khánh, Hà Nội", communes);
        Assert.Contains("X. Cù Vân, Thái Nguyên", communes); // "Xã Cù Vân, Huyện Đại Từ, Thái Nguyên" is over 31 characters
        Assert.Contains("Thành phố Hà Nội", communes);
        Assert.All(book.Worksheets, s => Assert.True(SheetNames.IsValid(s.Name), s.Name));
        Assert.Equal(book.Worksheets.Count, book.Worksheets.Select(s => s.Name.ToUpperInvariant()).Distinct().Count());
        var anKhanh = book.Worksheet("Phường An Khánh, Hà Nội");
        Assert.Equal(["F001", "F002", "F002", "F003", "F003", "F004", "F004", "F012"], DataRows(anKhanh).Select(r => r.Cell(7).GetString()).Order().ToArray());
    }

    [Fact]
    public void Rows_follow_hamlet_then_household_then_name_in_Vietnamese_order()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        var sheet = book.Worksheet("Phường An Khánh, Hà Nội");
        var names = DataRows(sheet).Select(r => r.Cell(4).GetString()).Distinct().ToList();
        // Thôn 1 before Thôn 3; in Thôn 3 house 9 before house 12; in house 12 by given name: Bảy, Dung, Đức (D before Đ).
        Assert.Equal(["Nguyễn Thị Thuỷ", "Đào Văn An", "Em Văn Bảy", "Dương Thị Dung", "Đỗ Văn Đức"], names);
        foreach (var s in CommuneSheets(book))
        {
            var hamlets = DataRows(s).Select(r => Key(r.Cell(2).GetString())).ToList();
            Assert.True(hamlets.Zip(hamlets.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) <= 0), s.Name);
        }

        static string Key(string text) => VietnameseCollation.SortKey(text);
    }

    [Fact]
    public void Every_sheet_is_set_up_for_print_and_filtering()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        foreach (var sheet in book.Worksheets)
        {
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.Equal(0, sheet.PageSetup.PagesTall);
            Assert.NotEmpty(sheet.PageSetup.PrintAreas);
            Assert.True(sheet.SheetView.SplitRow >= 1, sheet.Name);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.True(sheet.PageSetup.FirstRowToRepeatAtTop >= 1, sheet.Name);
            Assert.All(Enumerable.Range(1, sheet.LastColumnUsed()!.ColumnNumber()), c => Assert.True(sheet.Column(c).Width > 4));
        }

        var anKhanh = book.Worksheet("Phường An Khánh, Hà Nội");
        var header = anKhanh.PageSetup.Header.Center.GetText(XLHFOccurrence.OddPages);
        Assert.True(header.Contains("Phường An Khánh, Hà Nội", StringComparison.Ordinal), header);
        Assert.Equal(1, anKhanh.SheetView.SplitRow);
    }

    [Fact]
    public void The_summary_counts_each_commune_and_links_its_sheet()
    {
        using var book = Build(SampleLists.Mixed(), out _);
        var summary = book.Worksheet(CorrectionWorkbook.SummarySheet);
        var row = summary.RowsUsed().Single(r => r.Cell(2).GetString() == "Phường An Khánh, Hà Nội");
        Assert.Equal(5, row.Cell(3).GetValue<int>()); // citizens with fields to correct
        Assert.Equal(8, row.Cell(4).GetValue<int>()); // fields
        Assert.Equal(1, row.Cell(5).GetValue<int>()); // not in the registry
        Assert.True(row.Cell(8).HasHyperlink);
        Assert.Equal("Phường An Khánh, Hà Nội", row.Cell(8).GetString());
    }

    [Fact]
    public void A_unit_scope_leaves_out_communes_known_to_lie_elsewhere()
    {
        using var book = Build(SampleLists.Mixed(), out _, new CorrectionScope { UnitCode = "01" });
        var names = CommuneSheets(book).Select(s => s.Name).ToList();
        Assert.Contains("Phường An Khánh, Hà Nội", names);
        Assert.DoesNotContain(names, n => n.Contains("Thái Nguyên", StringComparison.Ordinal));
        Assert.Contains("Thành phố Hà Nội", names); // no address: the batch's unit, kept
        using var one = Build(SampleLists.Mixed(), out _, new CorrectionScope { Commune = "cu van" });
        Assert.Equal(["X. Cù Vân, Thái Nguyên"], CommuneSheets(one).Select(s => s.Name));
    }

    [Fact]
    public void Many_long_commune_names_get_valid_distinct_sheet_names()
    {
        var cases = Enumerable.Range(0, 40).Select(i => SampleLists.Review($"G{i:000}", "Lê Văn Một",
            $"Số {i}, phường Trung Tâm Hành Chính Quốc Gia Số {i % 3}: [A/B]*?, Quận Rất Dài Tên, Thành phố Hồ Chí Minh",
            SampleLists.Field(FlaggableField.FullName, DiscrepancyKind.Spelling, "Lê Văn Mốt", "Lê Văn Một"))).ToList();
        cases.AddRange(Enumerable.Range(0, 5).Select(i => SampleLists.Review($"H{i}", "Lê Văn Hai", $"Số 1, xã History, tỉnh Lạng Sơn {new string('x', i)}",
            SampleLists.Field(FlaggableField.FullName, DiscrepancyKind.Spelling, "Lê Văn Hải", "Lê Văn Hai"))));
        var list = SampleLists.Mixed() with { Cases = cases };
        using var book = Build(list, out var summary);
        Assert.All(book.Worksheets, s => Assert.True(SheetNames.IsValid(s.Name), s.Name));
        Assert.Equal(book.Worksheets.Count, book.Worksheets.Select(s => s.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(45, CommuneSheets(book).Sum(s => DataRows(s).Count));
        Assert.Equal(summary.Sheets.Count, book.Worksheets.Count);
    }

    [Fact]
    public void An_empty_list_still_makes_a_workbook()
    {
        using var book = Build(SampleLists.Mixed() with { Cases = [] }, out var summary);
        Assert.Equal([CorrectionWorkbook.SummarySheet], book.Worksheets.Select(s => s.Name));
        Assert.Equal(0, summary.Forms);
    }

    [Fact]
    public void The_locator_seam_decides_the_commune()
    {
        var list = SampleLists.Mixed();
        var stream = new MemoryStream();
        CorrectionWorkbook.Write(list, stream, new CorrectionReportOptions { Locator = new OneCommune() });
        using var book = new XLWorkbook(new MemoryStream(stream.ToArray()));
        Assert.Equal(["Xã Một"], CommuneSheets(book).Select(s => s.Name));
    }

    private sealed class OneCommune : IHouseholdLocator
    {
        public HouseholdPlace Locate(string? address) => new(new CommunePlace("mot", "Xã Một", null, null), null, null, address);
    }
}
