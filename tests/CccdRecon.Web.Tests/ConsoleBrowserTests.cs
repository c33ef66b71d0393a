using System.Text.RegularExpressions;
using CccdRecon.Contracts.V1;
using CccdRecon.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CccdRecon.Web.Tests;

/// <summary>
/// The review console in a real browser (Debian's Chromium) against the real server: sign-in, the queue and its filters,
/// a case decided with the keyboard alone, a rejected link, a chosen candidate, two reviewers on one case, another unit's
/// case, Vietnamese on screen. What each test decided is read back over gRPC: one set of rules, one audit trail.
/// </summary>
public sealed partial class ConsoleBrowserTests(ConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ConsoleFixture>
{
    private ILocator Focused(IPage page) => page.Locator("[data-field-row][data-focused]");

    private async Task<Contracts.V1.ReviewCase> CaseAsync(string formId)
        => (await fixture.Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = fixture.CaseOf(formId) })).ReviewCase;

    private async Task ShotAsync(IPage page, string name) => output.WriteLine("screenshot: " + await fixture.ScreenshotAsync(page, name));

    [ChromiumFact]
    public async Task Staff_sign_in_and_filter_the_queue_with_counts_and_pages()
    {
        var page = await fixture.AnonymousAsync();
        await page.GotoAsync("/review");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.Locator("form.signin input[name=subject]").FillAsync("can.bo.hoa");
        await page.Locator("form.signin button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Expect(page.Locator("[data-subject]")).ToHaveTextAsync("can.bo.hoa");

        // Counts: every case of the unit is to do until someone decides it; the kinds add up.
        var todo = await CountAsync(page, "todo");
        var byKind = await CountAsync(page, "Differences") + await CountAsync(page, "Ambiguous") + await CountAsync(page, "NoMatch");
        Assert.Equal(todo, byKind);
        Assert.True(await CountAsync(page, "NoMatch") >= 1);

        // Filter by kind: only the stranger is not found.
        await page.Locator("select[name=kind]").SelectOptionAsync("nomatch");
        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("kind=nomatch"));
        await Expect(page.Locator("[data-queue] [data-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-queue]")).ToContainTextAsync("Hồ Thị Xuân Hương");

        // By field and kind of difference, with keyset pages of 50 in Vietnamese name order.
        await page.GotoAsync("/review?field=full_name&diff=missing_middle_name&state=all");
        await Expect(page.Locator("[data-queue] [data-row]")).ToHaveCountAsync(50);
        var firstPage = await page.Locator("[data-queue] [data-open]").AllInnerTextsAsync();
        await page.Locator("[data-next-page]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("page="));
        await Expect(page.Locator("[data-queue] [data-row]")).ToHaveCountAsync(ConsoleFixture.DroppedMiddleNames + 1 - 50);
        var secondPage = await page.Locator("[data-queue] [data-open]").AllInnerTextsAsync();
        Assert.Equal(ConsoleFixture.DroppedMiddleNames + 1, firstPage.Count + secondPage.Count);
        var names = firstPage.Concat(secondPage).ToList();
        Assert.Equal(names.OrderBy(Core.Names.NameOrder.SortKey, StringComparer.Ordinal), names);
        await ShotAsync(page, "queue-page-2");
    }

    [ChromiumFact]
    public async Task A_case_is_decided_with_the_keyboard_alone()
    {
        var page = await fixture.SignedInAsync("can.bo.lan");
        await page.GotoAsync($"/review/{fixture.CaseOf("SHOW-1")}");
        // The first undecided field is focused; ? shows the keys.
        await Expect(Focused(page)).ToHaveAttributeAsync("data-field", "full_name");
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("dialog#help")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("dialog#help")).ToBeHiddenAsync();
        await ShotAsync(page, "case-before");

        await page.Keyboard.PressAsync("1");                       // keep the registry's name
        await Expect(Focused(page)).ToHaveAttributeAsync("data-field", "date_of_birth");
        await page.Keyboard.PressAsync("k");                       // back to the name, and forward again
        await Expect(Focused(page)).ToHaveAttributeAsync("data-field", "full_name");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("1");                       // keep the registry's date (the form has the lunar one)
        await Expect(Focused(page)).ToHaveAttributeAsync("data-field", "mother_name");
        await page.Keyboard.PressAsync("3");                       // correct the mother's name: the input takes the keys
        await page.Keyboard.TypeAsync("Trần Thị Lan");
        await page.Keyboard.PressAsync("Enter");                   // save
        await Expect(page.Locator("[data-saved]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "Resolved");

        var decided = await CaseAsync("SHOW-1");
        Assert.Equal(CaseState.Resolved, decided.State);
        Assert.Equal([("full_name", DecisionAction.KeepRegistry, ""), ("date_of_birth", DecisionAction.KeepRegistry, ""), ("mother_name", DecisionAction.Correct, "Trần Thị Lan")],
            decided.Decisions.Select(d => (d.Field, d.Action, d.CorrectedValue)));
        Assert.All(decided.Decisions, d => Assert.Equal("can.bo.lan", d.Reviewer));

        // n: the next case of the queue.
        var here = page.Url;
        await page.Keyboard.PressAsync("n");
        await Expect(page).Not.ToHaveURLAsync(here);
        await Expect(page.Locator("[data-case-form]")).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task Not_this_person_rejects_the_link()
    {
        var formId = "DMN-R009010";
        var page = await fixture.SignedInAsync("can.bo.lan");
        await page.GotoAsync($"/review/{fixture.CaseOf(formId)}");
        await Expect(Focused(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("x");
        await Expect(page.Locator("[data-reject-hint]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-rejected]")).ToBeVisibleAsync();

        var rejected = await CaseAsync(formId);
        Assert.Equal((CaseState.Resolved, LinkDecision.Reject, ""), (rejected.State, rejected.LinkDecision, rejected.RecordId));
        var clean = await fixture.Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = fixture.BatchId, PageSize = 1000 });
        Assert.DoesNotContain(clean.CleanRecords, c => c.FormId == formId);
    }

    [ChromiumFact]
    public async Task An_ambiguous_case_shows_its_candidates_side_by_side_and_one_is_chosen()
    {
        var page = await fixture.SignedInAsync("can.bo.lan");
        await page.GotoAsync($"/review/{fixture.CaseOf("QUY-1")}");
        await Expect(page.Locator("[data-candidate]")).ToHaveCountAsync(2);
        await ShotAsync(page, "ambiguous-case");
        await page.Locator($"[data-candidate='{fixture.QuyB.RecordId}'] [data-choose]").ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToBeVisibleAsync();
        await Expect(page.Locator("fieldset.link")).ToContainTextAsync(fixture.QuyB.RecordId);

        var chosen = await CaseAsync("QUY-1");
        Assert.Equal((fixture.QuyB.RecordId, LinkDecision.Choose), (chosen.RecordId, chosen.LinkDecision));
    }

    [ChromiumFact]
    public async Task A_stale_etag_shows_what_changed_and_the_reviewer_decides_again()
    {
        var formId = "DMN-R009020";
        var lan = await fixture.SignedInAsync("can.bo.lan");
        var minh = await fixture.SignedInAsync("can.bo.minh");
        var url = $"/review/{fixture.CaseOf(formId)}";
        await lan.GotoAsync(url);
        await minh.GotoAsync(url);
        await Expect(minh.Locator(".claim")).ToContainTextAsync("can.bo.lan");
        await Expect(Focused(lan)).ToBeVisibleAsync();
        await Expect(Focused(minh)).ToBeVisibleAsync();

        await lan.Keyboard.PressAsync("1");
        await lan.Keyboard.PressAsync("Enter");
        await Expect(lan.Locator("[data-saved]")).ToBeVisibleAsync();

        // Minh decided on the page he opened before Lan saved: refused, with what Lan did, and his choice kept.
        await minh.Keyboard.PressAsync("2");
        await minh.Keyboard.PressAsync("Enter");
        await Expect(minh.Locator("[data-conflict]")).ToBeVisibleAsync();
        await Expect(minh.Locator("[data-conflict]")).ToContainTextAsync("can.bo.lan");
        await ShotAsync(minh, "stale-etag");
        await Expect(minh.Locator("input[type=radio][data-key='2']").First).ToBeCheckedAsync();
        await minh.Keyboard.PressAsync("Enter");
        await Expect(minh.Locator("[data-saved]")).ToBeVisibleAsync();

        var decided = await CaseAsync(formId);
        Assert.Equal([("can.bo.lan", DecisionAction.KeepRegistry, true), ("can.bo.minh", DecisionAction.TakeForm, false)],
            decided.Decisions.Select(d => (d.Reviewer, d.Action, d.Superseded)));
    }

    [ChromiumFact]
    public async Task A_bulk_decision_is_previewed_applied_and_undone()
    {
        var page = await fixture.SignedInAsync("can.bo.hanh", ConsoleFixture.LunarUnit);
        var cases = (await fixture.Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = fixture.LunarBatchId, PageSize = 100 })).Cases;
        Assert.Equal(ConsoleFixture.LunarDates, cases.Count);
        Assert.All(cases, c => Assert.Equal(("date_of_birth", "lunar_date"), (Assert.Single(c.Discrepancies).Field, c.Discrepancies[0].Kind)));

        // Preview: counted and listed, nothing written.
        await page.GotoAsync("/review/bulk");
        await page.Locator("input[name='Preview.Batch']").FillAsync(fixture.LunarBatchId);
        await page.Locator("select[name='Preview.Field']").SelectOptionAsync("date_of_birth");
        await page.Locator("select[name='Preview.Kind']").SelectOptionAsync("lunar_date");
        await page.Locator("[data-preview]").ClickAsync();
        await Expect(page.Locator("[data-outcome] a")).ToHaveCountAsync(ConsoleFixture.LunarDates);
        await Expect(page.Locator("[data-apply]")).ToBeEnabledAsync();
        await ShotAsync(page, "bulk-preview");
        Assert.All(await LunarCasesAsync(), c => Assert.Equal(CaseState.Open, c.State));

        // Apply: every case keeps the registry's date and is resolved, by this reviewer.
        await page.Locator("[data-apply]").ClickAsync();
        await Expect(page.Locator("[data-bulks] [data-bulk]").First).ToContainTextAsync("can.bo.hanh");
        var applied = await LunarCasesAsync();
        Assert.All(applied, c => Assert.Equal((CaseState.Resolved, DecisionAction.KeepRegistry, "can.bo.hanh"),
            (c.State, Assert.Single(c.Decisions).Action, c.Decisions[0].Reviewer)));

        // Undo (a later decision the other way supersedes it; the history keeps both).
        await page.Locator("[data-bulks] [data-bulk]").First.Locator("button").ClickAsync();
        await Expect(page.Locator("[data-bulks] [data-bulk]")).ToHaveCountAsync(2);
        Assert.All(await LunarCasesAsync(), c => Assert.Equal([(DecisionAction.KeepRegistry, true), (DecisionAction.TakeForm, false)],
            c.Decisions.Select(d => (d.Action, d.Superseded))));
    }

    private async Task<List<Contracts.V1.ReviewCase>> LunarCasesAsync()
        => [.. (await fixture.Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = fixture.LunarBatchId, PageSize = 100 })).Cases];

    [ChromiumFact]
    public async Task Another_units_case_is_not_found()
    {
        var page = await fixture.SignedInAsync("can.bo.khac", ConsoleFixture.OtherUnit);
        var response = await page.GotoAsync($"/review/{fixture.CaseOf("DMN-R009030")}");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
        // Its own case opens, and its queue holds nothing of the other unit.
        Assert.Equal(200, (await page.GotoAsync($"/review/{fixture.OtherUnitCaseId}"))!.Status);
        await page.GotoAsync("/review?state=all");
        await Expect(page.Locator("[data-queue] [data-row]")).ToHaveCountAsync(1);
    }

    [ChromiumFact]
    public async Task Vietnamese_renders_first_and_english_is_kept_once_chosen()
    {
        var page = await fixture.SignedInAsync("can.bo.lan");
        await page.GotoAsync($"/review/{fixture.CaseOf("DMN-R009040")}");
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Hồ sơ");
        await Expect(page.Locator("table.persons")).ToContainTextAsync("Họ và tên");
        // The registry's gender codes are words of the page's language, and the engine's English note says it is English.
        await Expect(page.Locator("table.persons")).Not.ToContainTextAsync("male");
        await Expect(page.Locator(".decision-text [lang=en]")).ToBeVisibleAsync();
        await Expect(page.Locator(".field-row h3")).ToContainTextAsync("Thiếu tên đệm");
        await Expect(page.Locator(".field-row .kinds")).ToContainTextAsync("Khác chữ");
        // The glyphs are drawn, not boxes: a name with every kind of mark is as wide as its letters need.
        var marked = await page.EvaluateAsync<double>("() => { const s = document.createElement('span'); s.textContent = 'Nguyễn Thị Hường Đặng'; document.body.append(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }");
        Assert.InRange(marked, 100, 400);
        await ShotAsync(page, "case-vi");

        await page.Locator("[data-language]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToContainTextAsync("Case");
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await ShotAsync(page, "case-en");
        await page.Locator("[data-language]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
    }

    private static async Task<long> CountAsync(IPage page, string facet)
    {
        var text = await page.Locator($"[data-count='{facet}']").InnerTextAsync();
        return long.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }
}
