using System.Text.RegularExpressions;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CccdRecon.Web.Tests;

/// <summary>The batch dashboard (issue 11) in the browser: live progress without a reload, charts, unit scope.</summary>
public sealed partial class ConsoleBrowserTests
{
    private static async Task<long> NumberAsync(ILocator locator)
    {
        var text = await locator.InnerTextAsync();
        return long.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    [ChromiumFact]
    public async Task The_dashboard_follows_a_running_batch_live_without_a_reload_then_draws_its_charts()
    {
        const int Forms = 100;
        var records = Enumerable.Range(7000, Forms).Select(Cast.Record).ToList();
        await fixture.Server.ImportAsync(records);
        // Every third form drops its middle name: cases to count by field and kind.
        var forms = records.Select((r, i) => i % 3 == 0 ? People.FormFor(r, "LIVE-" + r.RecordId).WithoutMiddleName() : People.FormFor(r, "LIVE-" + r.RecordId)).ToList();
        // A unit of its own: the queue's tests count the fixture unit's cases.
        const string LiveUnit = "05440";
        var batchId = await fixture.CreateAsync(forms, LiveUnit, "Phường Hoàng Văn Thụ, đợt trực tiếp");

        var page = await fixture.SignedInAsync("can.bo.dung", LiveUnit);
        await page.GotoAsync($"/batches/{batchId}");
        await Expect(page.Locator("[data-dashboard]")).ToHaveAttributeAsync("data-running", "true");
        Assert.Equal(0, await NumberAsync(page.Locator("[data-live=processed]")));
        Assert.Equal(Forms, await NumberAsync(page.Locator("[data-live=forms]")));
        // A mark on this document: still there at the end means the page was never reloaded.
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        await fixture.Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batchId });
        // Part-way (the processed count between none and all), then finished, on the same document.
        await page.WaitForFunctionAsync($$"""() => { const n = Number(document.querySelector('[data-live=processed]').textContent.replace(/\D/g, '')); return n > 0 && n < {{Forms}}; }""",
            null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });
        var bar = double.Parse((await page.Locator("[data-live-bar]").GetAttributeAsync("width"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(bar, 0.1, 699.9);
        await Expect(page.Locator("[data-live=state]")).ToHaveTextAsync("Đã xong", new() { Timeout = 120_000 });
        Assert.Equal(Forms, await NumberAsync(page.Locator("[data-live=processed]")));
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        Assert.True(int.Parse((await page.Locator("[data-dashboard]").GetAttributeAsync("data-polls"))!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var cases = await NumberAsync(page.Locator("[data-live=review]")) + await NumberAsync(page.Locator("[data-live=ambiguous]"))
            + await NumberAsync(page.Locator("[data-live=noMatch]"));
        Assert.Equal(cases, await NumberAsync(page.Locator("[data-live=open]")));

        // Reloaded: the charts, drawn on the server, with the batch's figures.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-dashboard]")).ToHaveAttributeAsync("data-running", "false");
        foreach (var chart in new[] { "progress", "status", "kind", "flag", "commune" })
        {
            await Expect(page.Locator($"svg[data-chart={chart}]")).ToBeVisibleAsync();
        }
        var flag = page.Locator("svg[data-chart=flag] g[data-bar]").First;
        await Expect(flag).ToContainTextAsync("Thiếu tên đệm");
        await Expect(page.Locator("svg[data-chart=commune]")).ToContainTextAsync("Hoàng Văn Thụ");
        var figures = await page.Locator("svg[data-chart=commune] g[data-bar] text.figure").AllTextContentsAsync();
        Assert.Equal(cases, figures.Sum(f => long.Parse(new string(f.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture)));
        await ShotAsync(page, "dashboard");

        // Print: the charts stay, the navigation goes.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("svg[data-chart=kind]")).ToBeVisibleAsync();
        await Expect(page.Locator("header.top")).ToBeHiddenAsync();

        // The list of batches links to it.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GotoAsync("/batches");
        await Expect(page.Locator($"[data-batches] [data-batch='{batchId}']")).ToContainTextAsync("đợt trực tiếp");
    }

    [ChromiumFact]
    public async Task The_dashboard_shows_a_reviewer_only_the_batches_of_their_units()
    {
        var other = await fixture.SignedInAsync("can.bo.khac2", ConsoleFixture.OtherUnit);
        await other.GotoAsync("/batches");
        await Expect(other.Locator("[data-batches] [data-batch]")).ToHaveCountAsync(1);
        await Expect(other.Locator($"[data-batch='{fixture.BatchId}']")).ToHaveCountAsync(0);

        var forbidden = await other.GotoAsync($"/batches/{fixture.BatchId}");
        Assert.Equal(403, forbidden!.Status);
        await Expect(other.Locator("[data-forbidden]")).ToBeVisibleAsync();
        Assert.Equal(403, (await other.APIRequest.GetAsync($"/batches/{fixture.BatchId}/progress.json")).Status);
        Assert.Equal(404, (await other.GotoAsync("/batches/0000000000000000000000000000dead"))!.Status);

        // The batch's own unit sees it, with its review progress.
        var own = await fixture.SignedInAsync("can.bo.dung");
        await own.GotoAsync($"/batches/{fixture.BatchId}");
        await Expect(own.Locator("svg[data-chart=kind]")).ToBeVisibleAsync();
        await ShotAsync(own, "dashboard-reviewed");
        var progress = await own.APIRequest.GetAsync($"/batches/{fixture.BatchId}/progress.json");
        Assert.Equal(200, progress.Status);
        var json = await progress.JsonAsync();
        Assert.Equal("Succeeded", json!.Value.GetProperty("state").GetString());
    }
}

/// <summary>The dashboard's figures as OpenTelemetry metrics, on the console's address (no metrics address configured).</summary>
public sealed partial class ConsoleBrowserTests
{
    [Fact]
    public async Task The_dashboards_figures_are_metrics_with_states_and_kinds_only()
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"{fixture.Server.ConsoleAddress}/metrics");
        Assert.Matches(@"cccdrecon_batches(_ratio)?\{[^}]*state=""succeeded""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"cccdrecon_review_cases(_ratio)?\{[^}]*kind=""differences""[^}]*state=""open""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"cccdrecon_review_cases(_ratio)?\{[^}]*kind=""nomatch""", metrics);
        Assert.Matches(@"cccdrecon_batch_running_forms(_ratio)?\{[^}]*progress=""total""", metrics);
        // No batch, unit, reviewer or citizen in a label.
        Assert.DoesNotContain(fixture.BatchId, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("can.bo", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleFixture.Unit, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoà", metrics, StringComparison.Ordinal);
    }
}
