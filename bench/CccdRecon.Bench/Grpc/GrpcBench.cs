using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Interchange;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Bench.Grpc;

/// <summary>
/// Load against a running server: imports the registry through <c>ImportRecords</c>, then measures unary
/// <c>Reconcile</c> at several concurrencies and <c>ReconcileStream</c> with one or more streams. Every loop is
/// bounded by a duration and a count; figures, not pass/fail.
/// </summary>
internal static class GrpcBench
{
    public const string Usage = """
        usage: grpc --data DIR [--server URL] [--token T] [--server-pid PID] [--skip-import]
                    [--concurrency 1,8,32,64] [--duration SECONDS] [--max-calls N]
                    [--streams 1,2] [--stream-duration SECONDS] [--forms N]
          DIR holds registry.csv and forms.csv from `cccdrecon generate`; the token (or CCCDRECON_TOKEN) is sent as
          `authorization: Bearer ...`; with --server-pid the server's peak RSS (VmHWM) is read from /proc.
        """;

    private sealed record Settings(
        string Data, string Server, string? Token, int? ServerPid, bool SkipImport, int[] Concurrency,
        TimeSpan Duration, int MaxCalls, int[] Streams, TimeSpan StreamDuration, int Forms);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (Parse(args) is not { } settings)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        using var channel = GrpcChannel.ForAddress(settings.Server, new GrpcChannelOptions { HttpHandler = handler });
        var headers = settings.Token is { Length: > 0 } token ? new Metadata { { "authorization", $"Bearer {token}" } } : null;

        await WaitServingAsync(channel, headers, cancellationToken);
        Console.WriteLine($"server {settings.Server} SERVING; client runtime {Environment.Version}, {Environment.ProcessorCount} cores");

        if (!settings.SkipImport)
        {
            var import = await ImportAsync(new RegistryService.RegistryServiceClient(channel), headers, settings, cancellationToken);
            if (import is null)
            {
                return 1;
            }
        }
        Console.WriteLine($"server peak RSS after loading: {PeakRss(settings.ServerPid)}");

        var forms = LoadForms(settings);
        var client = new ReconciliationService.ReconciliationServiceClient(channel);
        await WarmUpAsync(client, headers, forms, cancellationToken);

        var unary = new List<UnaryFigures>();
        foreach (var callers in settings.Concurrency)
        {
            var figures = await UnaryAsync(client, headers, forms, callers, settings, cancellationToken);
            Console.WriteLine($"  {figures.Row()}");
            unary.Add(figures);
        }
        var streams = new List<StreamFigures>();
        foreach (var count in settings.Streams)
        {
            var figures = await StreamAsync(client, headers, forms, count, settings, cancellationToken);
            Console.WriteLine($"  {figures.Row()}");
            streams.Add(figures);
        }

        Console.WriteLine();
        Console.WriteLine($"| unary Reconcile | calls | errors | calls/s | p50 ms | p90 ms | p99 ms | max ms | {CpuUse.Header} |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|{CpuUse.Rule}");
        foreach (var u in unary)
        {
            Console.WriteLine(u.Row());
        }
        Console.WriteLine();
        Console.WriteLine($"| ReconcileStream | forms | errors | seconds | forms/s | {CpuUse.Header} |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|{CpuUse.Rule}");
        foreach (var s in streams)
        {
            Console.WriteLine(s.Row());
        }
        Console.WriteLine();
        Console.WriteLine($"server peak RSS at the end: {PeakRss(settings.ServerPid)}");
        var failed = unary.Sum(u => u.Errors) + streams.Sum(s => s.Errors);
        return failed == 0 ? 0 : 1;
    }

    private static Settings? Parse(string[] args)
    {
        string? data = null, server = "http://127.0.0.1:5099", token = Environment.GetEnvironmentVariable("CCCDRECON_TOKEN");
        int? pid = null;
        var skipImport = false;
        int[] concurrency = [1, 8, 32, 64], streams = [1, 2];
        double duration = 10, streamDuration = 15;
        int maxCalls = 500_000, forms = 200_000;
        static int[] Ints(string s) => [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--data": data = Next(); break;
                    case "--server": server = Next(); break;
                    case "--token": token = Next(); break;
                    case "--server-pid": pid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--skip-import": skipImport = true; break;
                    case "--concurrency": concurrency = Ints(Next()); break;
                    case "--duration": duration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--max-calls": maxCalls = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--streams": streams = Ints(Next()); break;
                    case "--stream-duration": streamDuration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--forms": forms = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: Console.Error.WriteLine($"unknown option {args[i]}"); return null;
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return null;
            }
        }
        if (data is null || concurrency.Any(c => c < 1) || streams.Any(s => s < 1) || duration <= 0 || streamDuration <= 0 || maxCalls < 1 || forms < 1)
        {
            return null;
        }
        return new Settings(data, server, token, pid, skipImport, concurrency, TimeSpan.FromSeconds(duration), maxCalls,
            streams, TimeSpan.FromSeconds(streamDuration), forms);
    }

    /// <summary>Polls grpc.health.v1 for at most ten minutes (the server rebuilds its index before it serves).</summary>
    private static async Task WaitServingAsync(GrpcChannel channel, Metadata? headers, CancellationToken cancellationToken)
    {
        var health = new Health.HealthClient(channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), headers, DateTime.UtcNow.AddSeconds(5), cancellationToken);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException) when (deadline.Elapsed < TimeSpan.FromMinutes(10))
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("the server did not report SERVING within 10 minutes");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Streams registry.csv in messages of 1,000 records; reading and mapping run ahead on another task.</summary>
    private static async Task<ImportRecordsResponse?> ImportAsync(RegistryService.RegistryServiceClient client, Metadata? headers,
        Settings settings, CancellationToken cancellationToken)
    {
        const int PerMessage = 1_000;
        var batches = Channel.CreateBounded<ImportRecordsRequest>(8);
        var unreadable = 0;
        string? lastId = null;
        var reader = Task.Run(async () =>
        {
            try
            {
                await using var file = File.OpenRead(Path.Combine(settings.Data, "registry.csv"));
                var message = new ImportRecordsRequest();
                foreach (var record in InterchangeCsv.ReadRegistry(file, _ => unreadable++, cancellationToken))
                {
                    message.Records.Add(record.ToProto());
                    lastId = record.RecordId;
                    if (message.Records.Count == PerMessage)
                    {
                        await batches.Writer.WriteAsync(message, cancellationToken);
                        message = new ImportRecordsRequest();
                    }
                }
                if (message.Records.Count > 0)
                {
                    await batches.Writer.WriteAsync(message, cancellationToken);
                }
                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, cancellationToken);

        var watch = Stopwatch.StartNew();
        var sent = 0L;
        using var call = client.ImportRecords(headers, cancellationToken: cancellationToken);
        await foreach (var message in batches.Reader.ReadAllAsync(cancellationToken))
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
            sent += message.Records.Count;
            if (sent % 100_000 == 0)
            {
                Console.WriteLine($"  imported {sent:N0} records, {sent / watch.Elapsed.TotalSeconds:N0}/s");
            }
        }
        await reader;
        await call.RequestStream.CompleteAsync();
        var response = await call;
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"import: {sent:N0} records sent ({unreadable} unreadable in the file), {response.ImportedCount:N0} new, " +
            $"{response.UpdatedCount:N0} updated, {response.RejectedCount:N0} rejected in {seconds:N1} s = {sent / seconds:N0} records/s");
        if (response.RejectedCount > 0 || response.ImportedCount + response.UpdatedCount != sent)
        {
            Console.Error.WriteLine($"import incomplete: first rejection {response.Rejections.FirstOrDefault()?.Reason}");
            return null;
        }

        // ImportRecords answers after every message is in the index; the last record must be readable now.
        if (lastId is not null)
        {
            await client.GetRecordAsync(new GetRecordRequest { RecordId = lastId }, headers, cancellationToken: cancellationToken);
        }
        return response;
    }

    private static List<SurveyForm> LoadForms(Settings settings)
    {
        using var file = File.OpenRead(Path.Combine(settings.Data, "forms.csv"));
        var forms = InterchangeCsv.ReadForms(file, _ => { }).Take(settings.Forms).Select(f => f.ToProto()).ToList();
        Console.WriteLine($"{forms.Count:N0} forms loaded from forms.csv for the load phases");
        return forms;
    }

    private static async Task WarmUpAsync(ReconciliationService.ReconciliationServiceClient client, Metadata? headers,
        List<SurveyForm> forms, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Min(500, forms.Count); i++)
        {
            await client.ReconcileAsync(new ReconcileRequest { Form = forms[^(i + 1)] }, headers, cancellationToken: cancellationToken);
        }
    }

    private sealed record UnaryFigures(int Callers, long Calls, long Errors, double Seconds, double P50, double P90, double P99, double Max, CpuUse Cpu)
    {
        public string Row() => string.Create(CultureInfo.InvariantCulture,
            $"| {Callers} caller{(Callers == 1 ? "" : "s")} | {Calls:N0} | {Errors:N0} | {Calls / Seconds:N0} | {P50:0.00} | {P90:0.00} | {P99:0.00} | {Max:0.0} | {Cpu.Row(Calls)} |");
    }

    /// <summary>
    /// Each caller sends one call at a time, until the duration is up or all callers together made MaxCalls; the
    /// forms are shared round-robin so concurrent callers do not send the same form at once.
    /// </summary>
    private static async Task<UnaryFigures> UnaryAsync(ReconciliationService.ReconciliationServiceClient client, Metadata? headers,
        List<SurveyForm> forms, int callers, Settings settings, CancellationToken cancellationToken)
    {
        var next = -1L;
        var errors = 0L;
        var cpu = CpuMeter.Start(settings.ServerPid);
        var watch = Stopwatch.StartNew();
        async Task<List<long>> Caller()
        {
            var latencies = new List<long>(16_384);
            while (watch.Elapsed < settings.Duration)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= settings.MaxCalls)
                {
                    break;
                }
                var request = new ReconcileRequest { Form = forms[(int)(n % forms.Count)] };
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await client.ReconcileAsync(request, headers, cancellationToken: cancellationToken);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        Console.Error.WriteLine($"  first error: {ex.StatusCode} {ex.Status.Detail}");
                    }
                }
            }
            return latencies;
        }
        var all = (await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Caller, cancellationToken))))
            .SelectMany(l => l).ToArray();
        var seconds = watch.Elapsed.TotalSeconds;
        var used = cpu.Stop();
        Array.Sort(all);
        double Ms(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new UnaryFigures(callers, all.Length, errors, seconds, Ms(0.50), Ms(0.90), Ms(0.99), Ms(1.0), used);
    }

    private sealed record StreamFigures(int Streams, long Forms, long Errors, double Seconds, CpuUse Cpu)
    {
        public string Row() => string.Create(CultureInfo.InvariantCulture,
            $"| {Streams} stream{(Streams == 1 ? "" : "s")} | {Forms:N0} | {Errors:N0} | {Seconds:N1} | {Forms / Seconds:N0} | {Cpu.Row(Forms)} |");
    }

    /// <summary>
    /// Each stream writes forms as fast as HTTP/2 flow control takes them until the duration is up or its share of
    /// the forms is sent, then half-closes and reads the remaining results. forms/s counts results received.
    /// </summary>
    private static async Task<StreamFigures> StreamAsync(ReconciliationService.ReconciliationServiceClient client, Metadata? headers,
        List<SurveyForm> forms, int count, Settings settings, CancellationToken cancellationToken)
    {
        var received = 0L;
        var errors = 0L;
        var cpu = CpuMeter.Start(settings.ServerPid);
        var watch = Stopwatch.StartNew();
        async Task One(int stream)
        {
            using var call = client.ReconcileStream(headers, cancellationToken: cancellationToken);
            var reading = Task.Run(async () =>
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    if (response.OutcomeCase == ReconcileStreamResponse.OutcomeOneofCase.Error)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    Interlocked.Increment(ref received);
                }
            }, cancellationToken);
            for (var i = stream; i < forms.Count && watch.Elapsed < settings.StreamDuration; i += count)
            {
                await call.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = forms[i] }, cancellationToken);
            }
            await call.RequestStream.CompleteAsync();
            await reading;
        }
        await Task.WhenAll(Enumerable.Range(0, count).Select(s => Task.Run(() => One(s), cancellationToken)));
        var seconds = watch.Elapsed.TotalSeconds;
        return new StreamFigures(count, received, errors, seconds, cpu.Stop());
    }

    /// <summary>
    /// CPU time used by the server and by this client over a phase. The machine is shared, so wall-clock rates
    /// depend on everyone else's load; CPU time per call does much less, and 2 cores divided by it is the rate the
    /// pair could reach if they had both cores to themselves (a ceiling: it ignores scheduling and idle waits).
    /// </summary>
    private sealed record CpuUse(double ServerSeconds, double ClientSeconds)
    {
        public const string Header = "server CPU µs/item | client CPU µs/item | ceiling on 2 free cores /s";
        public const string Rule = "---:|---:|---:|";

        public string Row(long items)
        {
            if (items == 0 || double.IsNaN(ServerSeconds))
            {
                return "? | ? | ?";
            }
            var server = ServerSeconds * 1e6 / items;
            var client = ClientSeconds * 1e6 / items;
            return string.Create(CultureInfo.InvariantCulture, $"{server:N0} | {client:N0} | {2e6 / (server + client):N0}");
        }
    }

    private readonly struct CpuMeter
    {
        private readonly int? _pid;
        private readonly double _server;
        private readonly TimeSpan _client;

        private CpuMeter(int? pid)
        {
            _pid = pid;
            _server = ServerCpuSeconds(pid);
            _client = Process.GetCurrentProcess().TotalProcessorTime;
        }

        public static CpuMeter Start(int? pid) => new(pid);

        public CpuUse Stop() => new(ServerCpuSeconds(_pid) - _server, (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds);

        /// <summary>utime + stime from /proc/PID/stat, in clock ticks of 1/100 s (USER_HZ on Linux).</summary>
        private static double ServerCpuSeconds(int? pid)
        {
            if (pid is null)
            {
                return double.NaN;
            }
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException)
            {
                return double.NaN;
            }
        }
    }

    private static string PeakRss(int? pid)
    {
        if (pid is null)
        {
            return "unknown (no --server-pid)";
        }
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
            return $"VmHWM {MiB(Field("VmHWM:"))}, VmRSS {MiB(Field("VmRSS:"))}";
        }
        catch (IOException)
        {
            return "unknown (process gone)";
        }
    }

    private static string MiB(string kb) =>
        long.TryParse(kb.Split(' ')[0], out var k) ? $"{k / 1024:N0} MiB" : kb;
}
