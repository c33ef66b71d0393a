using System.Text;
using System.Text.RegularExpressions;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Notices;
using CccdRecon.Reports.Places;

namespace CccdRecon.Reports.Tests;

/// <summary>The notices' HTML: a page per household, plain Vietnamese, nothing keyed can run.</summary>
public sealed partial class NoticeHtmlTests
{
    private static readonly CorrectionArrangement Arranged = CorrectionArrangement.Arrange(SampleLists.Mixed(), AddressLocator.Instance);

    private static CommuneSection AnKhanh => Arranged.Communes.Single(c => c.Label == "Phường An Khánh, Hà Nội");

    [Fact]
    public void One_section_per_household_and_every_member_in_it()
    {
        var html = NoticeDocument.Render(SampleLists.Mixed(), [AnKhanh]);
        Assert.Equal(3, SectionPattern().Matches(html).Count);
        Assert.Equal(3, NoticeDocument.PageCount(AnKhanh));
        foreach (var id in new[] { "F001", "F002", "F003", "F004", "F009", "F012" }) Assert.Contains(id, html);
        // House 12 holds four of them: three to correct, one not found in the registry.
        var house12 = AnKhanh.Households.Single(h => h.Place.House == "Số 12");
        Assert.Equal(["F001", "F003", "F002", "F009"], house12.Members.Select(m => m.Case.FormId));
    }

    [Fact]
    public void Says_what_the_registry_holds_what_the_form_says_and_what_to_bring()
    {
        var html = NoticeDocument.Render(SampleLists.Mixed(), [AnKhanh], new NoticeOptions { Appointment = "8 giờ, thứ Hai, ngày 7 tháng 12 năm 2026" });
        Assert.Contains("Dữ liệu hộ tịch ghi", html);
        Assert.Contains("Phiếu ghi", html);
        Assert.Contains("03/12/1950", html); // the registry's date, as a person reads it
        Assert.Contains("Ghi đảo ngày và tháng", html);
        Assert.Contains("Giấy khai sinh (bản chính hoặc bản sao)", html);
        Assert.Contains("Thẻ Căn cước", html);
        Assert.Contains("Trụ sở Công an phường An Khánh", html);
        Assert.Contains("8 giờ, thứ Hai, ngày 7 tháng 12 năm 2026", html);
        Assert.Contains("Không tìm thấy trong dữ liệu hộ tịch", html);
        Assert.Contains("Hộ gia đình tại Số 12, Đường Yên Thế, Thôn 3, Phường An Khánh, Hà Nội", html);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("@page { size: A4 portrait", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Decomposed_text_is_printed_composed()
    {
        var html = NoticeDocument.Render(SampleLists.Mixed(), Arranged.Communes);
        Assert.True(html.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("Nguyễn Thị Thuỷ", html);
    }

    [Fact]
    public void Keyed_markup_is_text_and_nothing_can_run_or_fetch()
    {
        var list = SampleLists.Mixed() with
        {
            Cases = [SampleLists.Unlinked("F666", CaseStatus.NoMatch, "<script>alert(1)</script><img src=x onerror=alert(2)>", "Số 1, phường <b>A</b>, Hà Nội")],
        };
        var html = NoticeDocument.Render(list, CorrectionArrangement.Arrange(list, AddressLocator.Instance).Communes);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>A</b>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void A_citizen_without_a_household_gets_a_page_of_their_own()
    {
        var list = SampleLists.Mixed() with
        {
            Cases = [SampleLists.Unlinked("F1", CaseStatus.NoMatch, "Lê Văn Một", ""), SampleLists.Unlinked("F2", CaseStatus.Ambiguous, "Lê Văn Hai", "")],
        };
        var arranged = CorrectionArrangement.Arrange(list, AddressLocator.Instance);
        var section = Assert.Single(arranged.Communes);
        Assert.Equal(2, section.Households.Count);
        Assert.All(section.Households, h => Assert.True(h.Alone));
        var html = NoticeDocument.Render(list, arranged.Communes);
        Assert.Contains("Kính gửi: <b>Công dân Lê Văn Một", html);
        Assert.Equal("Công an xã, phường nơi công dân thường trú", NoticeDocument.Office(section));
    }

    [Fact]
    public void Neighbours_who_share_only_a_hamlet_are_not_one_household()
    {
        // "Tổ 5" is dozens of households: without a house number each citizen gets a notice of their own; with one, the
        // house's members share one.
        var list = SampleLists.Mixed() with
        {
            Cases =
            [
                SampleLists.Unlinked("F1", CaseStatus.NoMatch, "Lê Văn Một", "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên"),
                SampleLists.Unlinked("F2", CaseStatus.NoMatch, "Trần Thị Hai", "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên"),
                SampleLists.Unlinked("F3", CaseStatus.NoMatch, "Lê Thị Ba", "Số 8, Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên"),
                SampleLists.Unlinked("F4", CaseStatus.NoMatch, "Lê Văn Bốn", "Số 8, Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên"),
            ],
        };
        var section = Assert.Single(CorrectionArrangement.Arrange(list, AddressLocator.Instance).Communes);
        Assert.Equal([2, 1, 1], section.Households.Select(h => h.Members.Count).ToArray());
        Assert.False(section.Households[0].Alone);
        Assert.Equal(3, NoticeDocument.PageCount(section));
    }

    [GeneratedRegex("<section class=\"notice")]
    private static partial Regex SectionPattern();
}
