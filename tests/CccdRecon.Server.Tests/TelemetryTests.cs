using System.Net;
using System.Text;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Server.Tests;

/// <summary>
/// OpenTelemetry (issue 12 point 15): gRPC calls and batch chunks are traced and exported by OTLP, the metrics are on a
/// Prometheus endpoint, and no personal datum (name, date of birth, ID number, address, caller) is in either.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Calls_and_batch_chunks_are_traced_and_measured_without_personal_data()
    {
        await using var collector = new OtlpCollector();
        var metricsPort = ServerProcess.FreePort();
        var server = new ServerProcess(null,
            $"Telemetry:MetricsUrl=http://127.0.0.1:{metricsPort}", $"Telemetry:OtlpEndpoint={collector.Address}", "Telemetry:OtlpProtocol=http/protobuf",
            "Batch:ChunkSize=10", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        await using var _ = server;
        await server.StartAsync();

        var records = Enumerable.Range(4200, 30).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        await server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(records[0], "TEL-1") });
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(batch.BatchId, records.Select((r, i) => i % 3 == 0 ? People.FormFor(r, $"TEL-B{i}").WithoutMiddleName() : People.FormFor(r, $"TEL-B{i}")));
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        Assert.Equal(BatchState.Succeeded, (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(1)))[^1].State);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");

        // Calls and latency by method and status, forms matched (forms/s), queue depths, review backlog, database time.
        Assert.Contains("rpc_server_call_duration_seconds_count{", metrics);
        Assert.Contains("rpc_method=\"Reconcile\"", metrics);
        Assert.Contains("rpc_grpc_status_code=\"0\"", metrics);
        Assert.Contains("cccdrecon_batch_forms_matched_total", metrics);
        Assert.Matches(@"cccdrecon_batch_forms_matched_total(\{[^}]*\})? 30\b", metrics);
        Assert.Contains("cccdrecon_batch_chunk_duration_seconds_count", metrics);
        Assert.Contains("cccdrecon_db_command_duration_seconds_count", metrics);
        Assert.Contains("cccdrecon_batch_queue_forms", metrics);
        Assert.Contains("cccdrecon_audit_queue_events", metrics);
        Assert.Matches(@"cccdrecon_review_backlog_cases(\{[^}]*\})? [1-9]", metrics);
        // The runtime's memory, to tell a leak from warm-up (bench/soak reads these).
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes", metrics);
        Assert.Matches(@"dotnet_process_memory_working_set_bytes(\{[^}]*\})? [1-9]", metrics);
        // The metrics are on their own address only, not on the gRPC one.
        using var onGrpcPort = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{server.Address}/metrics")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpStatusCode.NotFound, onGrpcPort.StatusCode);
        Assert.Contains($"Serving metrics for Prometheus on http://127.0.0.1:{metricsPort}/metrics", server.Output);

        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(60))); // a graceful stop flushes the spans
        var exported = collector.Received();
        Assert.Contains("cccdrecon.v1.ReconciliationService/Reconcile", exported);
        Assert.Contains("batch.chunk", exported);
        Assert.Contains(batch.BatchId, exported);

        foreach (var personal in records.Take(3).SelectMany(r => new[] { r.FullName, r.FullName.ToUpperInvariant(), r.PersonalId, r.PersonalId[3..9], r.DateOfBirth, r.PermanentAddress, r.FatherName, r.MotherName })
            .Append(ServerProcess.AdminSubject))
        {
            Assert.DoesNotContain(personal, metrics);
            Assert.DoesNotContain(personal, exported);
        }
    }

    [Fact]
    public async Task Without_a_metrics_address_the_metrics_are_on_the_console_address_and_not_on_the_grpc_one()
    {
        // A Development test server has a console of its own (ServerProcess gives it a port).
        var server = new ServerProcess(null);
        await using var _ = server;
        await server.StartAsync();
        await server.ImportAsync(Enumerable.Range(4300, 3).Select(Cast.Record).ToList());

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"{server.ConsoleAddress}/metrics");
        Assert.Contains("rpc_server_call_duration_seconds_count{", metrics);
        Assert.Contains("cccdrecon_audit_queue_events", metrics);
        using var onGrpcPort = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{server.Address}/metrics")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpStatusCode.NotFound, onGrpcPort.StatusCode);
    }

    /// <summary>A minimal OTLP/HTTP receiver on loopback: keeps every request body it is sent.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly List<byte[]> _bodies = [];
        private readonly LoopbackHttpServer _server;

        public OtlpCollector() => _server = new LoopbackHttpServer(ReceiveAsync);

        public string Address => _server.Address.TrimEnd('/');

        /// <summary>Everything received, read as UTF-8 (protobuf keeps strings as UTF-8 bytes).</summary>
        public string Received()
        {
            lock (_bodies)
            {
                return string.Join("\n", _bodies.Select(b => Encoding.UTF8.GetString(b)));
            }
        }

        private async Task ReceiveAsync(HttpListenerContext context)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_bodies)
            {
                _bodies.Add(body.ToArray());
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
