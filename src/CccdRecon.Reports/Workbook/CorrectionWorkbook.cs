using ClosedXML.Excel;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Wording;

namespace CccdRecon.Reports.Workbook;

/// <summary>A sheet of the workbook: its name, what it lists, and how many data rows.</summary>
public sealed record SheetSummary(string Name, string Label, int Rows);

/// <summary>What a workbook holds.</summary>
public sealed record WorkbookSummary(IReadOnlyList<SheetSummary> Sheets, int Forms, int Fields);

/// <summary>
/// The correction list of a batch as an Excel workbook (danh sách công dân cần điều chỉnh thông tin): a summary sheet,
/// then one sheet per commune with one row per field to correct, then the forms not found in the registry, the forms
/// whose link a reviewer rejected as another person, and the undecided ones, each on a sheet of its own. Rows follow
/// <see cref="CorrectionArrangement"/>. Every sheet: header row frozen, filters on, A4 landscape fitted to the page
/// width, header row repeated, the commune in the page header. IDs and dates are text cells, as keyed.
/// </summary>
/// <remarks>ClosedXML 0.95.4; its <c>AdjustToContents</c> needs GDI+ and throws on Linux, so every width is set here.</remarks>
public static class CorrectionWorkbook
{
    public const string SummarySheet = "Tổng hợp";
    public const string NoMatchSheet = "Không có trong hộ tịch";
    public const string RejectedSheet = "Không phải cùng người";
    public const string AmbiguousSheet = "Chưa xác định được";

    private const string FontName = "Times New Roman";
    private const double FontSize = 11;

    // Widths in characters, tight enough that A4 landscape fitted to the width still prints at about 8.5 pt.
    private static readonly Column[] FieldColumns =
    [
        new("STT", 4.5), new("Thôn, tổ dân phố", 11), new("Địa chỉ hộ", 18), new("Họ và tên (theo phiếu)", 18),
        new("Ngày sinh (theo phiếu)", 10.5), new("Số định danh/CMND (theo phiếu)", 13.5), new("Mã phiếu", 9.5),
        new("Thông tin cần điều chỉnh", 14), new("Ghi trên phiếu", 16), new("Ghi trong dữ liệu hộ tịch", 16),
        new("Đề nghị điều chỉnh thành", 16), new("Người đề xuất", 9.5), new("Lý do", 24),
    ];

    private static readonly Column[] FormColumns =
    [
        new("STT", 4.5), new("Xã, phường", 20), new("Thôn, tổ dân phố", 11), new("Địa chỉ hộ", 18), new("Họ và tên (theo phiếu)", 18),
        new("Ngày sinh (theo phiếu)", 10.5), new("Giới tính", 7), new("Số định danh/CMND (theo phiếu)", 13.5), new("Mã phiếu", 9.5),
        new("Hồ sơ hộ tịch liên quan", 11), new("Việc cần làm", 40),
    ];

    private sealed record Column(string Header, double Width);

    /// <summary>Arranges <paramref name="list"/> with <paramref name="options"/> and writes the workbook to <paramref name="output"/>.</summary>
    public static WorkbookSummary Write(CorrectionList list, Stream output, CorrectionReportOptions? options = null)
    {
        options ??= new CorrectionReportOptions();
        return Write(list, CorrectionArrangement.Arrange(list, options.Locator, options.Scope), output);
    }

    /// <summary>Writes the workbook of an arranged list to <paramref name="output"/> (xlsx).</summary>
    public static WorkbookSummary Write(CorrectionList list, CorrectionArrangement arrangement, Stream output)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(arrangement);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = FontName;
        workbook.Style.Font.FontSize = FontSize;
        var names = new SheetNames();
        names.Take(SummarySheet);
        names.Take(NoMatchSheet);
        names.Take(RejectedSheet);
        names.Take(AmbiguousSheet);
        var summary = workbook.AddWorksheet(SummarySheet);
        var sheets = new List<SheetSummary>();
        var communeSheets = new Dictionary<string, string>(StringComparer.Ordinal);
        int fields = 0;

        foreach (var commune in arrangement.Communes)
        {
            var rows = commune.Cases.Where(c => c.Case.Status == CaseStatus.Review && c.Case.Fields.Count > 0).ToList();
            if (rows.Count == 0) continue;
            var name = names.Take(commune.Label);
            communeSheets[commune.Key] = name;
            var sheet = workbook.AddWorksheet(name);
            int n = WriteFieldSheet(sheet, rows, commune.Label, list);
            fields += n;
            sheets.Add(new SheetSummary(name, commune.Label, n));
        }

        foreach (var (status, sheetName) in new[] { (CaseStatus.NoMatch, NoMatchSheet), (CaseStatus.RejectedLink, RejectedSheet), (CaseStatus.Ambiguous, AmbiguousSheet) })
        {
            var rows = arrangement.AllCases.Where(c => c.Case.Case.Status == status).ToList();
            if (rows.Count == 0) continue;
            var sheet = workbook.AddWorksheet(sheetName);
            WriteFormSheet(sheet, rows, VietnameseWording.StatusLabel(status), list);
            sheets.Add(new SheetSummary(sheetName, VietnameseWording.StatusLabel(status), rows.Count));
        }

        WriteSummary(summary, list, arrangement, communeSheets, sheets);
        workbook.SaveAs(output);
        return new WorkbookSummary([new SheetSummary(SummarySheet, "Tổng hợp", arrangement.Communes.Count), .. sheets],
            arrangement.AllCases.Count(), fields);
    }

    private static int WriteFieldSheet(IXLWorksheet sheet, List<PlacedCase> cases, string commune, CorrectionList list)
    {
        WriteHeader(sheet, FieldColumns);
        int row = 1, number = 0;
        foreach (var placed in cases)
        {
            var c = placed.Case;
            foreach (var f in c.Fields)
            {
                row++;
                number++;
                Number(sheet.Cell(row, 1), number);
                Text(sheet.Cell(row, 2), placed.Place.Hamlet);
                Text(sheet.Cell(row, 3), placed.HouseholdLabel);
                Text(sheet.Cell(row, 4), VietnameseWording.ReadableName(c.FullName));
                Text(sheet.Cell(row, 5), c.DateOfBirth);
                Text(sheet.Cell(row, 6), c.PersonalId);
                Text(sheet.Cell(row, 7), c.FormId);
                Text(sheet.Cell(row, 8), VietnameseWording.FieldLabel(f.Field));
                Text(sheet.Cell(row, 9), VietnameseWording.DisplayValue(f.Field, f.FormValue));
                Text(sheet.Cell(row, 10), VietnameseWording.DisplayValue(f.Field, f.RegistryValue));
                Text(sheet.Cell(row, 11), VietnameseWording.DisplayValue(f.Field, f.Decision));
                Text(sheet.Cell(row, 12), VietnameseWording.SourceLabel(f.DecidedBy));
                Text(sheet.Cell(row, 13), VietnameseWording.Reason(f.Field, f.Kind));
                FitHeight(sheet, row, FieldColumns);
            }
        }

        FinishTable(sheet, FieldColumns, row, commune, list);
        return number;
    }

    private static void WriteFormSheet(IXLWorksheet sheet, List<(CommuneSection Commune, PlacedCase Case)> cases, string title, CorrectionList list)
    {
        WriteHeader(sheet, FormColumns);
        int row = 1;
        foreach (var (commune, placed) in cases)
        {
            var c = placed.Case;
            row++;
            Number(sheet.Cell(row, 1), row - 1);
            Text(sheet.Cell(row, 2), commune.Label);
            Text(sheet.Cell(row, 3), placed.Place.Hamlet);
            Text(sheet.Cell(row, 4), placed.HouseholdLabel);
            Text(sheet.Cell(row, 5), VietnameseWording.ReadableName(c.FullName));
            Text(sheet.Cell(row, 6), c.DateOfBirth);
            Text(sheet.Cell(row, 7), VietnameseWording.DisplayValue(Core.Matching.FlaggableField.Gender, c.Gender));
            Text(sheet.Cell(row, 8), c.PersonalId);
            Text(sheet.Cell(row, 9), c.FormId);
            Text(sheet.Cell(row, 10), c.RecordId);
            Text(sheet.Cell(row, 11), VietnameseWording.UnlinkedInstruction(c.Status));
            FitHeight(sheet, row, FormColumns);
        }

        FinishTable(sheet, FormColumns, row, title, list);
    }

    /// <summary>Points per line of wrapped text at the workbook's font size.</summary>
    private const double LineHeight = FontSize * 1.3;

    /// <summary>
    /// Sets the row tall enough for its longest wrapped cell. Neither Excel nor LibreOffice re-measures rows on opening
    /// a file, and ClosedXML cannot measure text on Linux, so the lines are estimated from the text's length and the
    /// column's width (a width unit holds about one average character).
    /// </summary>
    private static void FitHeight(IXLWorksheet sheet, int row, Column[] columns)
    {
        int lines = 1;
        for (int i = 0; i < columns.Length; i++)
        {
            var text = sheet.Cell(row, i + 1).GetString();
            if (text.Length == 0) continue;
            int perLine = Math.Max(1, (int)(columns[i].Width * 1.05) - 1);
            int cellLines = text.Split(' ').Aggregate((Lines: 1, Used: 0), (acc, word) =>
                acc.Used == 0 ? (acc.Lines, Math.Min(word.Length, perLine))
                : acc.Used + 1 + word.Length <= perLine ? (acc.Lines, acc.Used + 1 + word.Length)
                : (acc.Lines + 1 + (word.Length - 1) / perLine, Math.Min(word.Length, perLine))).Lines;
            lines = Math.Max(lines, cellLines);
        }

        sheet.Row(row).Height = lines * LineHeight + 2;
    }

    private static void WriteHeader(IXLWorksheet sheet, Column[] columns)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            Text(sheet.Cell(1, i + 1), columns[i].Header);
            sheet.Column(i + 1).Width = columns[i].Width;
        }

        var header = sheet.Range(1, 1, 1, columns.Length);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromArgb(0xDD, 0xE6, 0xF0);
        header.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Row(1).Height = 46;
    }

    private static void FinishTable(IXLWorksheet sheet, Column[] columns, int lastRow, string title, CorrectionList list)
    {
        var table = sheet.Range(1, 1, lastRow, columns.Length);
        table.Style.Alignment.WrapText = true;
        table.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        sheet.Range(1, 1, 1, columns.Length).Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        table.SetAutoFilter();
        sheet.SheetView.FreezeRows(1);
        PageSetup(sheet, table, title, list);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
    }

    private static void PageSetup(IXLWorksheet sheet, IXLRange printArea, string title, CorrectionList list)
    {
        var page = sheet.PageSetup;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.FitToPages(1, 0);
        page.PrintAreas.Clear();
        page.PrintAreas.Add(printArea.RangeAddress.ToStringRelative());
        page.Margins.Left = page.Margins.Right = 0.4;
        page.Margins.Top = page.Margins.Bottom = 0.6;
        page.Margins.Header = page.Margins.Footer = 0.25;
        page.CenterHorizontally = true;
        page.Header.Center.AddText("&B" + HeaderText(title), XLHFOccurrence.AllPages);
        page.Header.Right.AddText(HeaderText("Đợt " + list.BatchId), XLHFOccurrence.AllPages);
        page.Footer.Left.AddText(HeaderText("Lập " + VietnameseWording.LongDate(list.CreatedAt)), XLHFOccurrence.AllPages);
        page.Footer.Right.AddText("Trang ", XLHFOccurrence.AllPages);
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        page.Footer.Right.AddText("/", XLHFOccurrence.AllPages);
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
    }

    /// <summary>Page header text: '&amp;' starts a code there, so it is doubled.</summary>
    private static string HeaderText(string text) => VietnameseWording.Nfc(text).Replace("&", "&&", StringComparison.Ordinal);

    private static void WriteSummary(IXLWorksheet sheet, CorrectionList list, CorrectionArrangement arrangement,
        Dictionary<string, string> communeSheets, List<SheetSummary> sheets)
    {
        Text(sheet.Cell(1, 1), "DANH SÁCH CÔNG DÂN CẦN ĐIỀU CHỈNH, BỔ SUNG THÔNG TIN");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        var unit = list.Unit is null ? "" : " — " + list.Unit.Label;
        Text(sheet.Cell(2, 1), $"Đợt đối soát {list.BatchId}{unit} — lập {VietnameseWording.LongDate(list.CreatedAt)}");
        Column[] columns =
        [
            new("STT", 5), new("Xã, phường", 34), new("Công dân cần điều chỉnh", 13), new("Thông tin cần điều chỉnh", 13),
            new("Không có trong hộ tịch", 13), new("Không phải cùng người", 13), new("Chưa xác định được", 13), new("Trang tính", 30),
        ];
        const int headerRow = 4;
        for (int i = 0; i < columns.Length; i++)
        {
            Text(sheet.Cell(headerRow, i + 1), columns[i].Header);
            sheet.Column(i + 1).Width = columns[i].Width;
        }

        var header = sheet.Range(headerRow, 1, headerRow, columns.Length);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromArgb(0xDD, 0xE6, 0xF0);
        header.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        int row = headerRow;
        int[] totals = new int[5];
        foreach (var commune in arrangement.Communes)
        {
            var cases = commune.Cases.Select(c => c.Case).ToList();
            int[] counts =
            [
                cases.Count(c => c.Status == CaseStatus.Review && c.Fields.Count > 0),
                cases.Where(c => c.Status == CaseStatus.Review).Sum(c => c.Fields.Count),
                cases.Count(c => c.Status == CaseStatus.NoMatch),
                cases.Count(c => c.Status == CaseStatus.RejectedLink),
                cases.Count(c => c.Status == CaseStatus.Ambiguous),
            ];
            row++;
            Number(sheet.Cell(row, 1), row - headerRow);
            Text(sheet.Cell(row, 2), commune.Label);
            for (int i = 0; i < counts.Length; i++)
            {
                Number(sheet.Cell(row, 3 + i), counts[i]);
                totals[i] += counts[i];
            }

            if (communeSheets.TryGetValue(commune.Key, out var sheetName)) Link(sheet.Cell(row, 8), sheetName);
        }

        row++;
        Text(sheet.Cell(row, 2), "Cộng");
        for (int i = 0; i < totals.Length; i++) Number(sheet.Cell(row, 3 + i), totals[i]);
        sheet.Range(row, 1, row, columns.Length).Style.Font.Bold = true;
        var table = sheet.Range(headerRow, 1, row, columns.Length);
        table.Style.Alignment.WrapText = true;
        table.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        sheet.Range(headerRow, 1, row - 1, columns.Length).SetAutoFilter();

        row += 2;
        foreach (var s in sheets.Where(s => s.Name is NoMatchSheet or RejectedSheet or AmbiguousSheet))
        {
            Text(sheet.Cell(row, 2), s.Label);
            Number(sheet.Cell(row, 3), s.Rows);
            Link(sheet.Cell(row, 8), s.Name);
            row++;
        }

        sheet.SheetView.FreezeRows(headerRow);
        PageSetup(sheet, sheet.Range(1, 1, Math.Max(row, headerRow + 1), columns.Length), "Tổng hợp", list);
        sheet.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
    }

    private static void Link(IXLCell cell, string sheetName)
    {
        Text(cell, sheetName);
        cell.Hyperlink = new XLHyperlink(SheetNames.Reference(sheetName));
        cell.Style.Font.FontColor = XLColor.Blue;
        cell.Style.Font.Underline = XLFontUnderlineValues.Single;
    }

    /// <summary>Always a text cell, NFC: "0123…" keeps its zeros, "=…" is never a formula, "12/03/1950" never a date.</summary>
    private static void Text(IXLCell cell, string? value)
    {
        cell.SetValue(VietnameseWording.Nfc(value));
        cell.DataType = XLDataType.Text;
    }

    private static void Number(IXLCell cell, int value) => cell.SetValue(value);
}
