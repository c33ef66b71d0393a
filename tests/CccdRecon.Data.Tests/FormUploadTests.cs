using System.Text.Json;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CccdRecon.Data.Tests;

/// <summary>
/// An upload's writes are checked by the (batch, form_id) unique index, and look up which of their form_ids the batch
/// holds already (<see cref="KnownForms"/>) only when it refuses one: a form sent again is counted as a duplicate and
/// not stored twice, whichever write it comes in, and the lookup reads one index entry per id sent, not every form the
/// batch holds.
/// </summary>
public sealed class FormUploadTests
{
    private static SurveyForm Form(string formId) => StoreData.FormFor(StoreData.Record(1), formId);

    [Fact]
    public async Task A_form_id_the_batch_holds_is_a_duplicate_in_every_later_write()
    {
        await using var host = await StoreHost.StartAsync();
        var store = host.Get<BatchStore>();
        var batch = await store.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        var upload = new FormUpload();

        // The first write, to a batch holding no form yet: a form_id twice in it is still one form.
        await store.AddFormsAsync(upload, batch.Id, [Form("F0"), Form("F1"), Form("F1")], StoreHost.Admin, default);
        Assert.Equal((2L, 1L), (upload.Added, upload.Duplicates));

        // Later writes: stored form_ids are duplicates, new ones are added (one of several messages gathered, too).
        await store.AddFormsAsync(upload, batch.Id, [Form("F1"), Form("F2"), Form("F0")], StoreHost.Admin, default);
        Assert.Equal((3L, 3L), (upload.Added, upload.Duplicates));
        await store.AddFormsAsync(upload, [[Form("F3")], [Form("F2"), Form("F3"), Form("F4")]], StoreHost.Admin, default);
        Assert.Equal((5L, 5L), (upload.Added, upload.Duplicates));

        var stored = await store.GetAsync(batch.Id, default);
        Assert.Equal((5L, 10L), (stored.FormCount, stored.ReceivedCount));
    }

    /// <summary>
    /// A write of forms the batch does not hold reads nothing of the forms table: the unique (batch, form_id) index is
    /// the check, and the stored ids are looked up only when it refuses a write (issue 13: a lookup before every write
    /// probed the index once per form sent, 364,000 times at 400,000 forms, to find none).
    /// </summary>
    [Fact]
    public async Task A_write_of_new_forms_looks_nothing_up_and_one_refused_by_the_index_is_written_without_the_stored_forms()
    {
        await using var host = await StoreHost.StartAsync();
        using var sent = await SentCommands.StartAsync(host);
        var store = host.Get<BatchStore>();
        var batch = await store.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        var upload = new FormUpload();
        await store.AddFormsAsync(upload, batch.Id, [Form("F0"), Form("F1")], StoreHost.Admin, default);
        int Reads() => sent.Commands.Count(c => c.Text.Contains("FROM \"BatchForms\"", StringComparison.Ordinal));

        await store.AddFormsAsync(upload, batch.Id, [Form("F2"), Form("F3")], StoreHost.Admin, default);
        Assert.Equal(0, Reads());
        Assert.Equal((4L, 0L), (upload.Added, upload.Duplicates));

        // A write with a stored form: refused by the index, then looked up once and written without it.
        await store.AddFormsAsync(upload, batch.Id, [Form("F3"), Form("F4")], StoreHost.Admin, default);
        Assert.Equal(1, Reads());
        Assert.Equal((5L, 1L), (upload.Added, upload.Duplicates));
        var stored = await store.GetAsync(batch.Id, default);
        Assert.Equal((5L, 6L), (stored.FormCount, stored.ReceivedCount));
    }

    /// <summary>
    /// PostgreSQL planned <c>batch = @b AND form_id = ANY(@ids)</c> as a scan of every form of the batch, so each write
    /// of an upload read all those written before it. The lookup now probes the (batch, form_id) index once per id: the
    /// rows it reads from the forms table are at most the ids sent, here 1,000 against a batch of 3,000 forms.
    /// </summary>
    [PostgreSqlFact]
    public async Task The_lookup_reads_one_index_entry_per_id_not_the_batch()
    {
        const int Stored = 3_000, Sent = 1_000;
        await using var host = await StoreHost.StartAsync();
        var store = host.Get<BatchStore>();
        var batch = await store.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        await store.AddFormsAsync(new FormUpload { BatchId = batch.Id }, [Enumerable.Range(0, Stored).Select(i => Form($"F{i}")).ToList()], StoreHost.Admin, default);

        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Planned on the table as it is (a batch starts with ANALYZE; an upload in progress may have been analyzed too).
        await using (var analyze = new NpgsqlCommand("ANALYZE \"BatchForms\"", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        // Half of the ids stored, half new.
        var ids = Enumerable.Range(Stored - Sent / 2, Sent).Select(i => $"F{i}").ToArray();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + KnownForms.PostgreSqlQuery(db), connection);
        explain.Parameters.Add(new NpgsqlParameter("batch", batch.Id));
        explain.Parameters.Add(new NpgsqlParameter("ids", ids));
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");

        var scans = Nodes(plan).Where(n => n.TryGetProperty("Relation Name", out var table) && table.GetString() == "BatchForms").ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, n =>
        {
            // Probed by (batch, form_id), each probe reading at most the one entry (EXPLAIN rounds rows per loop).
            Assert.Contains(n.GetProperty("Node Type").GetString(), new[] { "Index Only Scan", "Index Scan" });
            Assert.Contains("\"FormId\" = ", n.GetProperty("Index Cond").GetString());
            Assert.Equal(0, Number(n, "Rows Removed by Filter"));
            Assert.InRange(Math.Max(1, Number(n, "Actual Rows")) * Number(n, "Actual Loops"), 1, Sent);
        });

        await db.Database.CloseConnectionAsync();
        Assert.Equal(Sent / 2, (await KnownForms.OfAsync(db, batch.Id, ids, default)).Count);
    }

    /// <summary>
    /// A results page loads its discrepancies by the range of its result ids: two batches matched in turns have
    /// interleaved ids, and each lists only its own results' discrepancies, in the engine's order.
    /// </summary>
    [Fact]
    public async Task Each_results_page_has_its_own_discrepancies_when_batches_interleave()
    {
        await using var host = await StoreHost.StartAsync();
        var records = Enumerable.Range(1, 4).Select(StoreData.Record).ToList();
        await host.Get<Registry.RegistryStore>().ImportAsync(new Registry.RegistryImport(), records, StoreHost.Admin, default);
        var store = host.Get<BatchStore>();
        var a = await store.CreateAsync(new NewBatch("a.csv", "", StoreData.Unit), StoreHost.Admin, default);
        var b = await store.CreateAsync(new NewBatch("b.csv", "", StoreData.Unit), StoreHost.Admin, default);
        for (var i = 0; i < records.Count; i++)
        {
            await store.AddFormsAsync(new FormUpload(), a.Id, [StoreData.FormFor(records[i], $"A{i}")], StoreHost.Admin, default);
            await store.AddFormsAsync(new FormUpload(), b.Id, [StoreData.FormFor(records[i], $"B{i}")], StoreHost.Admin, default);
        }
        var worker = new BatchWorker("test", TimeSpan.FromMinutes(1));
        var reconciler = host.Get<Reconciler>();
        foreach (var batch in new[] { a, b })
        {
            await store.StartAsync(batch.Id, StoreHost.Admin, default);
            var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
            var forms = await store.PendingFormsAsync(leased.BatchId, leased.ProcessedThrough, 10, default);
            Assert.True((await store.WriteChunkAsync(leased.BatchId, worker, leased.ProcessedThrough, forms, forms.Select(f => reconciler.Reconcile(f.Form)).ToList(), default)).Finished);
        }

        foreach (var (batch, prefix) in new[] { (a, "A"), (b, "B") })
        {
            var listed = new List<Reconciliation>();
            string? token = null;
            do
            {
                var page = await store.ListResultsAsync(new ResultQuery(batch.Id, null, new Paging.PageRequest(3, token)), StoreHost.Admin, default);
                listed.AddRange(page.Items);
                token = page.NextPageToken.Length > 0 ? page.NextPageToken : null;
            }
            while (token is not null);
            Assert.Equal(Enumerable.Range(0, records.Count).Select(i => $"{prefix}{i}"), listed.Select(r => r.FormId));
            Assert.All(listed, r =>
            {
                var expected = reconciler.Reconcile(StoreData.FormFor(records[int.Parse(r.FormId[1..])], r.FormId)).Discrepancies;
                Assert.NotEmpty(expected);
                Assert.Equal(expected.Select(d => (d.Field, d.Kind, d.FormValue)), r.Discrepancies.Select(d => (d.Field, d.Kind, d.FormValue)));
            });
        }
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
        => node.TryGetProperty("Plans", out var children) ? children.EnumerateArray().SelectMany(Nodes).Prepend(node) : [node];

    private static double Number(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
}
