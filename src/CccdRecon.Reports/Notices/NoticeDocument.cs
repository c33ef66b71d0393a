using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Wording;

namespace CccdRecon.Reports.Notices;

/// <summary>
/// Printable correction notices (thông báo điều chỉnh, bổ sung thông tin) as one HTML document: one A4 page per
/// household of a commune (or per citizen where no household can be told) saying, in plain Vietnamese, what the registry
/// holds, what the form says, what to bring or confirm, and where and when to go. The same document prints from a
/// browser (print stylesheet, <c>@page</c> A4) and through headless Chromium to PDF (<see cref="Pdf.ChromiumPdfPrinter"/>).
/// </summary>
/// <remarks>
/// Every text is NFC (decomposed diacritics print as loose marks in some fonts) and HTML-encoded; a content security
/// policy forbids scripts and every fetch, so nothing keyed on a form can run or reach out. Fonts: DejaVu Serif (Debian's
/// fonts-dejavu-core, full Vietnamese coverage) first, then Noto Serif and Times New Roman for other machines.
/// </remarks>
public static class NoticeDocument
{
    /// <summary>A household with more lines than these prints in smaller type so its notice stays on one page.</summary>
    private const int DenseLines = 8, DenserLines = 13;

    /// <summary>The class of a notice's section; <see cref="Pdf.ChromiumPdfPrinter"/> also shrinks any that still overflow.</summary>
    public const string SectionClass = "notice";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The notices of the given communes of an arranged list, in their order.</summary>
    public static string Render(CorrectionList list, IEnumerable<CommuneSection> communes, NoticeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(communes);
        options ??= new NoticeOptions();
        var sections = communes.ToList();
        var html = new StringBuilder(16_384);
        var title = sections.Count == 1 ? "Thông báo điều chỉnh thông tin — " + sections[0].Label : "Thông báo điều chỉnh thông tin — đợt " + list.BatchId;
        html.Append("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Stylesheet).Append("</style>\n</head>\n<body>\n");
        foreach (var commune in sections)
        {
            foreach (var household in commune.Households) AppendNotice(html, list, commune, household, options);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Pages the notices of <paramref name="commune"/> take: one per household.</summary>
    public static int PageCount(CommuneSection commune) => commune.Households.Count;

    private static void AppendNotice(StringBuilder html, CorrectionList list, CommuneSection commune, Household household, NoticeOptions options)
    {
        var office = Office(commune);
        // Roughly the table rows and paragraphs the members take: a name line, then a row per field or a status paragraph.
        int lines = (int)Math.Ceiling(household.Members.Sum(m => 1 + (m.Case.Status == CaseStatus.Review ? Math.Max(1, m.Case.Fields.Count) * 1.5 : 2)));
        html.Append("<section class=\"").Append(SectionClass).Append(lines > DenserLines ? " denser" : lines > DenseLines ? " dense" : "").Append("\">\n");

        html.Append("<header class=\"heading\"><div class=\"sender\">");
        if (commune.Place.Province is { } province && commune.IsCommune)
            html.Append("<div>CÔNG AN ").Append(E(Upper(ProvinceTitle(province)))).Append("</div>");
        html.Append("<div class=\"b\">").Append(E(Upper(options.Sender ?? office))).Append("</div></div>")
            .Append("<div class=\"motto\"><div class=\"b\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class=\"u\">Độc lập - Tự do - Hạnh phúc</div></div></header>\n");

        html.Append("<h1>THÔNG BÁO</h1>\n<p class=\"subtitle\">Về việc điều chỉnh, bổ sung thông tin công dân</p>\n");
        html.Append("<p class=\"to\">Kính gửi: <b>");
        if (household.Alone)
            html.Append("Công dân ").Append(E(Name(household.Members[0].Case.FullName)));
        else
            html.Append("Hộ gia đình tại ").Append(E(HouseholdAddress(commune, household)));
        html.Append("</b></p>\n");

        html.Append("<p>Qua đối chiếu phiếu thu thập thông tin dân cư với ").Append(VietnameseWording.Registry)
            .Append(", thông tin của ").Append(household.Members.Count == 1 ? "công dân" : "các công dân")
            .Append(" dưới đây chưa khớp. Đề nghị công dân kiểm tra và thực hiện như sau:</p>\n");

        int index = 0;
        foreach (var member in household.Members) AppendPerson(html, member, ++index);

        html.Append("<h3>Giấy tờ cần mang theo</h3>\n<ul class=\"documents\">");
        foreach (var document in Documents(household)) html.Append("<li>").Append(E(document)).Append("</li>");
        html.Append("</ul>\n");

        html.Append("<h3>Địa điểm và thời gian</h3>\n<p class=\"where\">Địa điểm: <b>")
            .Append(E(options.Place ?? "Trụ sở " + office)).Append("</b>.<br>Thời gian: <b>")
            .Append(E(VietnameseWording.Nfc(options.Appointment))).Append("</b>.");
        if (!string.IsNullOrWhiteSpace(options.Contact))
            html.Append("<br>Liên hệ: ").Append(E(VietnameseWording.Nfc(options.Contact)));
        html.Append("</p>\n<p>Khi đến, mỗi người mang theo giấy tờ tùy thân của mình. Nếu thông tin trên phiếu là đúng, công dân mang giấy tờ chứng minh để cán bộ đối chiếu, điều chỉnh ")
            .Append(VietnameseWording.Registry).Append(".</p>\n");

        html.Append("<footer><div class=\"date\">").Append(E(commune.IsCommune ? commune.Place.Name : "")).Append(commune.IsCommune ? ", " : "")
            .Append(E(VietnameseWording.LongDate(list.CreatedAt))).Append("</div>")
            .Append("<div class=\"sign\"><div class=\"b\">").Append(E(Upper(options.Sender ?? office))).Append("</div><div class=\"i\">(Ký, ghi rõ họ tên, đóng dấu)</div></div>")
            .Append("<div class=\"ref\">Đợt ").Append(E(list.BatchId)).Append(" · Phiếu ")
            .Append(E(string.Join(", ", household.Members.Select(m => m.Case.FormId)))).Append("</div></footer>\n");
        html.Append("</section>\n");
    }

    private static void AppendPerson(StringBuilder html, PlacedCase member, int index)
    {
        var c = member.Case;
        html.Append("<article class=\"person\">\n<h2>").Append(index).Append(". ").Append(E(Name(c.FullName))).Append("</h2>\n<p class=\"meta\">");
        var facts = new List<string>();
        if (!string.IsNullOrWhiteSpace(c.DateOfBirth)) facts.Add("Ngày sinh ghi trên phiếu: " + VietnameseWording.Nfc(c.DateOfBirth.Trim()));
        if (!string.IsNullOrWhiteSpace(c.PersonalId)) facts.Add("Số định danh/CMND ghi trên phiếu: " + c.PersonalId.Trim());
        html.Append(E(string.Join(" · ", facts))).Append("</p>\n");

        if (c.Status != CaseStatus.Review || c.Fields.Count == 0)
        {
            html.Append("<p class=\"status\"><b>").Append(E(VietnameseWording.StatusLabel(c.Status))).Append(".</b> ")
                .Append(E(VietnameseWording.UnlinkedInstruction(c.Status))).Append("</p>\n</article>\n");
            return;
        }

        html.Append("<table><thead><tr><th class=\"f\">Thông tin</th><th>Dữ liệu hộ tịch ghi</th><th>Phiếu ghi</th><th class=\"todo\">Công dân cần làm</th></tr></thead><tbody>\n");
        foreach (var f in c.Fields)
        {
            html.Append("<tr><td class=\"f\">").Append(E(VietnameseWording.FieldLabel(f.Field)))
                .Append("<div class=\"why\">").Append(E(VietnameseWording.Reason(f.Field, f.Kind))).Append("</div></td><td>")
                .Append(E(VietnameseWording.DisplayValue(f.Field, f.RegistryValue))).Append("</td><td>")
                .Append(E(VietnameseWording.DisplayValue(f.Field, f.FormValue))).Append("</td><td class=\"todo\">")
                .Append(E(VietnameseWording.Instruction(f))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n</article>\n");
    }

    private static IEnumerable<string> Documents(Household household)
    {
        var documents = new List<string>();
        foreach (var member in household.Members)
        {
            var c = member.Case;
            var needed = c.Status == CaseStatus.Review && c.Fields.Count > 0
                ? c.Fields.SelectMany(f => VietnameseWording.Documents(f.Field))
                : VietnameseWording.UnlinkedDocuments;
            foreach (var d in needed)
                if (!documents.Contains(d)) documents.Add(d);
        }

        return documents;
    }

    /// <summary>"Công an phường An Khánh": the commune's police, the kind in lower case as in a sentence.</summary>
    public static string Office(CommuneSection commune)
    {
        if (!commune.IsCommune) return "Công an xã, phường nơi công dân thường trú";
        var name = commune.Place.Name;
        foreach (var kind in new[] { "Thị trấn ", "Phường ", "Xã ", "Đặc khu " })
        {
            if (name.StartsWith(kind, StringComparison.Ordinal))
                return "Công an " + kind.ToLowerInvariant() + name[kind.Length..];
        }

        return "Công an " + name;
    }

    private static string ProvinceTitle(string province) =>
        province is "Hà Nội" or "Hồ Chí Minh" or "Hải Phòng" or "Đà Nẵng" or "Cần Thơ" or "Huế" ? "thành phố " + province : "tỉnh " + province;

    private static string HouseholdAddress(CommuneSection commune, Household household)
    {
        var place = household.Place;
        var parts = new[] { place.House, place.Street, place.Hamlet, commune.IsCommune ? commune.Label : null };
        return VietnameseWording.Nfc(string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    private static string Name(string? fullName) =>
        string.IsNullOrWhiteSpace(fullName) ? "(không ghi họ tên)" : string.Join(' ', VietnameseWording.ReadableName(fullName).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Upper(string text) => VietnameseWording.Nfc(text).ToUpperInvariant();

    private static string E(string? text) => Encoder.Encode(text ?? "");

    private const string Stylesheet = """

        @page { size: A4 portrait; margin: 14mm 16mm 12mm 18mm; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Serif", "Noto Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.35; color: #000; }
        body { margin: 0; }
        .notice { break-after: page; page-break-after: always; }
        .notice:last-child { break-after: auto; page-break-after: auto; }
        .notice.dense { font-size: 9.5pt; line-height: 1.25; }
        .notice.denser { font-size: 8.5pt; line-height: 1.2; }
        .notice.denser th, .notice.denser td { padding: 0.5mm 1mm; }
        .heading { display: flex; justify-content: space-between; text-align: center; font-size: 10pt; margin-bottom: 6mm; }
        .heading .b, .sign .b { font-weight: bold; }
        .heading .u { text-decoration: underline; font-weight: bold; }
        h1 { text-align: center; font-size: 15pt; margin: 0; letter-spacing: 0.05em; }
        .subtitle { text-align: center; font-style: italic; margin: 0 0 4mm; }
        .to { margin: 0 0 2mm; }
        p { margin: 0 0 2mm; }
        h2 { font-size: 1.05em; margin: 3mm 0 0.5mm; }
        h3 { font-size: 1em; margin: 3mm 0 1mm; }
        .meta { color: #222; font-size: 0.92em; }
        .status { border-left: 2.5pt solid #666; padding-left: 2mm; }
        table { width: 100%; border-collapse: collapse; font-size: 0.95em; page-break-inside: avoid; }
        th, td { border: 0.6pt solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
        th { background: #e8e8e8; }
        td.f { width: 24%; font-weight: bold; }
        td.todo, th.todo { width: 34%; }
        .why { font-weight: normal; font-style: italic; font-size: 0.9em; }
        .documents { margin: 0; padding-left: 6mm; }
        footer { display: grid; grid-template-columns: 1fr 1fr; margin-top: 5mm; }
        footer .date { grid-column: 2; text-align: center; font-style: italic; }
        footer .sign { grid-column: 2; text-align: center; margin-top: 1mm; min-height: 16mm; }
        footer .i { font-style: italic; font-size: 0.9em; }
        footer .ref { grid-column: 1 / span 2; font-size: 8pt; color: #555; }
        @media screen {
          body { background: #d9d9d9; }
          .notice { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 14mm 16mm 12mm 18mm; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        }
        @media print { .notice { margin: 0; } }

        """;
}
