using CccdRecon.Core.Dates;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A batch whose forms need a person in every way: fields that differ (a dropped middle name, a lunar date), two
/// namesakes born the same day (ambiguous), a stranger (no match). Run chunk by chunk as the batch processor does.
/// </summary>
internal static class ReviewScenario
{
    public const string Unit = "05443";
    public const string OtherUnit = "05446";

    public static RegistryRecord Hoa(int n) => new()
    {
        RecordId = $"R-HOA-{n}", PersonalId = $"0190850{n:D5}", FullName = "Nguyễn Văn Hoà", DateOfBirth = "1985-03-12", Gender = "male",
        BirthPlace = "Thái Nguyên", PermanentAddress = "Số 12 phố Lương Ngọc Quyến, TP. Thái Nguyên",
        FatherName = "Nguyễn Văn Thành", MotherName = "Trần Thị Lan",
    };

    /// <summary>Her registry date is 1990-11-02; the form gives the lunar-calendar date of it.</summary>
    public static RegistryRecord Lan(int n) => new()
    {
        RecordId = $"R-LAN-{n}", PersonalId = $"0193900{n:D5}", FullName = "Lê Thị Lan", DateOfBirth = "1990-11-02", Gender = "female",
        BirthPlace = "Thái Nguyên", FatherName = "Lê Văn Hải", MotherName = "Phạm Thị Thu",
    };

    /// <summary>Two namesakes born the same day in the same province: a form with neither ID nor parents cannot tell them apart.</summary>
    public static readonly RegistryRecord QuyA = new()
    {
        RecordId = "R-QUY-A", PersonalId = "036075003333", FullName = "Trần Văn Quý", DateOfBirth = "1975-02-10", Gender = "male", BirthPlace = "Nam Định",
    };

    public static readonly RegistryRecord QuyB = QuyA with { RecordId = "R-QUY-B", PersonalId = "036075004444" };

    public static SurveyForm DroppedMiddleName(RegistryRecord r, string formId) => new()
    {
        FormId = formId, PersonalId = r.PersonalId, FullName = "Nguyễn Hoà", DateOfBirth = "12/03/1985", Gender = "Nam", BirthPlace = r.BirthPlace,
        PermanentAddress = "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên", FatherName = r.FatherName, MotherName = r.MotherName,
    };

    public static SurveyForm LunarDate(RegistryRecord r, string formId)
    {
        var lunar = VietnameseLunarCalendar.ToLunar(DateOnly.Parse(r.DateOfBirth!, System.Globalization.CultureInfo.InvariantCulture));
        return new SurveyForm
        {
            FormId = formId, PersonalId = r.PersonalId, FullName = r.FullName, DateOfBirth = $"{lunar.Day:D2}/{lunar.Month:D2}/{lunar.Year}", Gender = "Nữ",
            BirthPlace = r.BirthPlace, FatherName = r.FatherName, MotherName = r.MotherName,
        };
    }

    public static SurveyForm Quy(string formId) => new() { FormId = formId, FullName = "TRAN VAN QUY", DateOfBirth = "10/02/1975", Gender = "Nam", BirthPlace = "Nam Định" };

    public static SurveyForm Stranger(string formId) => new()
    {
        FormId = formId, PersonalId = "079300999888", FullName = "Hồ Thị Xuân Hương", DateOfBirth = "02/09/1999", Gender = "Nữ",
        PermanentAddress = "Ấp 3, xã Tân Phú, huyện Đức Hoà, Long An",
    };

    public static async Task ImportAsync(StoreHost host, IReadOnlyList<RegistryRecord> records)
    {
        var import = new RegistryImport();
        await host.Get<RegistryStore>().ImportAsync(import, records, StoreHost.Admin, default);
        Assert.Equal(0, import.Rejected);
    }

    /// <summary>Creates, fills and runs a batch to the end, as the batch processor does; returns its id.</summary>
    public static async Task<string> RunBatchAsync(StoreHost host, IReadOnlyList<SurveyForm> forms, string unit = Unit)
    {
        var batches = host.Get<BatchStore>();
        var batch = await batches.CreateAsync(new NewBatch("scenario", "", unit), StoreHost.Admin, default);
        await batches.AddFormsAsync(new FormUpload(), batch.Id, forms, StoreHost.Admin, default);
        await batches.StartAsync(batch.Id, StoreHost.Admin, default);
        await ProcessAsync(host, batch.Id);
        return batch.Id;
    }

    public static async Task ProcessAsync(StoreHost host, string batchId)
    {
        var batches = host.Get<BatchStore>();
        var reconciler = host.Get<Reconciler>();
        // As the batch processor: lease the batch, then chunk after chunk from its cursor (chunks of 3, so a batch has several).
        var worker = new BatchWorker("review-scenario", TimeSpan.FromMinutes(1));
        var leased = await batches.LeaseNextAsync(worker, default);
        if (leased is null)
        {
            return; // Nothing left to match (a re-run that kept every form).
        }
        Assert.Equal(batchId, leased.BatchId);
        var after = leased.ProcessedThrough;
        while (true)
        {
            var pending = await batches.PendingFormsAsync(batchId, after, 3, default);
            var written = await batches.WriteChunkAsync(batchId, worker, after, pending, pending.Select(p => reconciler.Reconcile(p.Form)).ToList(), default);
            Assert.True(written.Written);
            if (written.Finished)
            {
                return;
            }
            after = pending[^1].Position;
        }
    }

    /// <summary>Every case of the query, page by page (pages of 2, so paging is exercised).</summary>
    public static async Task<List<ReviewCase>> AllAsync(StoreHost host, CaseQuery query, Caller caller)
    {
        var all = new List<ReviewCase>();
        var token = "";
        do
        {
            var page = await host.Get<ReviewStore>().ListAsync(query with { Page = new PageRequest(2, token) }, caller, default);
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    public static CaseQuery Query(string? batchId = null) => new(batchId, null, null, null, new PageRequest(0, null));

    public static ReviewCase Single(IEnumerable<ReviewCase> cases, string formId) => Assert.Single(cases, c => c.FormId == formId);

    /// <summary>The counts (kept as tallies) equal what the listing finds, for every state and kind.</summary>
    public static async Task AssertCountsMatchAsync(StoreHost host, Caller caller, CaseQuery query)
    {
        var counts = await host.Get<ReviewStore>().CountAsync(query, caller, default);
        var all = await AllAsync(host, query with { State = null, ToDo = false }, caller);
        foreach (var state in new[] { ReviewCaseState.Open, ReviewCaseState.Claimed, ReviewCaseState.Resolved })
        {
            Assert.True(all.Count(c => c.State == state) == counts.ByState[state], $"{state}: listed {all.Count(c => c.State == state)}, counted {counts.ByState[state]}");
        }
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            var listed = all.Count(c => c.Kind == kind && (query.State is null && !query.ToDo || c.State != ReviewCaseState.Resolved));
            Assert.True(listed == counts.ByKind[kind], $"{kind}: listed {listed}, counted {counts.ByKind[kind]}");
        }
        var flags = all.SelectMany(c => c.Discrepancies.Select(d => (d.Field, d.Kind))).GroupBy(f => f).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(flags.OrderBy(f => f.Key), counts.ByFlag.Where(f => f.Value != 0).OrderBy(f => f.Key));
    }
}
