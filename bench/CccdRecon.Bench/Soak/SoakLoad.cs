using System.Collections.Concurrent;
using System.Globalization;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Interchange;
using Grpc.Core;
using Grpc.Net.Client;

namespace CccdRecon.Bench.Soak;

/// <summary>
/// The online half of the soak (bench/soak/run.sh runs the batches and kills the server): 8 unary callers, 2
/// ReconcileStream callers and 4 reviewers racing on the same cases, each going on through the server's outages, until
/// the time is up. Then every decision a reviewer was told it won is read back. Prints figures; exit 1 if a fault was
/// seen (an unexpected error, a decision lost, a case won twice, a stream answering the wrong form).
/// </summary>
internal static class SoakLoad
{
    public const string Usage = "usage: soak --server URL --forms forms.csv --seconds N --admin-token T --reviewer-tokens T1,T2,T3,T4";

    private const int UnaryCallers = 8;
    private const int Streams = 2;
    private const int StreamWindow = 50;

    /// <summary>What a failed call says when the server is down or restarting: expected during the soak, retried.</summary>
    private static bool IsOutage(RpcException ex) => ex.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled or StatusCode.Internal
        or StatusCode.Unknown or StatusCode.DeadlineExceeded;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var (server, formsPath, seconds, admin, reviewers) = options.Value;
        List<SurveyForm> forms;
        using (var file = File.OpenRead(formsPath))
        {
            forms = [.. InterchangeCsv.ReadForms(file, _ => { }).Take(20_000).Select(f => f.ToProto())];
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        var figures = new Figures();
        using var adminChannel = Channel(server, admin);
        var reviewerChannels = reviewers.Select(t => Channel(server, t)).ToList();

        var tasks = new List<Task>();
        tasks.AddRange(Enumerable.Range(0, UnaryCallers).Select(i => Task.Run(() => UnaryAsync(adminChannel, forms, i, figures, stop.Token))));
        tasks.AddRange(Enumerable.Range(0, Streams).Select(i => Task.Run(() => StreamAsync(adminChannel, forms, i, figures, stop.Token))));
        var decisions = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        tasks.AddRange(reviewerChannels.Select((c, i) => Task.Run(() => ReviewAsync(c, i, decisions, figures, stop.Token))));
        await Task.WhenAll(tasks);

        // Every decision a reviewer was told it won is there, by that reviewer; no case was won twice.
        var review = new ReviewService.ReviewServiceClient(adminChannel);
        long lost = 0, twice = 0;
        foreach (var (caseId, winners) in decisions)
        {
            if (winners.Count > 1)
            {
                twice++;
                Console.WriteLine($"FAULT: case {caseId} won by {winners.Count} reviewers");
            }
            var stored = await RetryAsync(() => review.GetCaseAsync(new GetCaseRequest { CaseId = caseId }).ResponseAsync, cancellationToken);
            if (stored.ReviewCase.State != CaseState.Resolved || stored.ReviewCase.Decisions.Count == 0)
            {
                lost++;
                Console.WriteLine($"FAULT: case {caseId} was resolved (OK) but is {stored.ReviewCase.State} with {stored.ReviewCase.Decisions.Count} decisions");
            }
        }
        foreach (var channel in reviewerChannels)
        {
            channel.Dispose();
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"unary Reconcile: {figures.UnaryOk:N0} OK, {figures.UnaryOutage:N0} failed during outages"));
        Console.WriteLine(string.Create(c, $"ReconcileStream: {figures.StreamOk:N0} forms answered, {figures.StreamReconnects:N0} reconnects, {figures.StreamMismatch:N0} windows of {StreamWindow} not answered form for form"));
        Console.WriteLine(string.Create(c, $"review: {decisions.Count:N0} cases resolved, {figures.ReviewLost:N0} races lost (ABORTED/FAILED_PRECONDITION), {figures.ReviewOutage:N0} outages; {lost} decisions lost, {twice} cases won twice"));
        Console.WriteLine($"failures during outages, by kind: {string.Join(", ", figures.Outages.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Console.WriteLine(string.Create(c, $"unexpected errors: {figures.Unexpected.Count}"));
        foreach (var (what, n) in figures.Unexpected.GroupBy(e => e).Select(g => (g.Key, g.Count())))
        {
            Console.WriteLine($"  {n} x {what}");
        }
        return figures.Unexpected.IsEmpty && lost == 0 && twice == 0 && figures.StreamMismatch == 0 ? 0 : 1;
    }

    private static async Task UnaryAsync(GrpcChannel channel, List<SurveyForm> forms, int caller, Figures figures, CancellationToken stop)
    {
        var client = new ReconciliationService.ReconciliationServiceClient(channel);
        for (var n = caller; !stop.IsCancellationRequested; n += UnaryCallers)
        {
            try
            {
                await client.ReconcileAsync(new ReconcileRequest { Form = forms[n % forms.Count] }, cancellationToken: stop);
                Interlocked.Increment(ref figures.UnaryOk);
            }
            catch (Exception ex)
            {
                await OutageAsync(ex, figures, () => Interlocked.Increment(ref figures.UnaryOutage), stop);
            }
        }
    }

    private static async Task StreamAsync(GrpcChannel channel, List<SurveyForm> forms, int caller, Figures figures, CancellationToken stop)
    {
        var client = new ReconciliationService.ReconciliationServiceClient(channel);
        var n = caller * 7_919;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var call = client.ReconcileStream(cancellationToken: stop);
                while (!stop.IsCancellationRequested)
                {
                    var sent = new List<string>(StreamWindow);
                    for (var i = 0; i < StreamWindow; i++, n++)
                    {
                        var form = forms[n % forms.Count];
                        sent.Add(form.FormId);
                        await call.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = form }, stop);
                    }
                    // Answers come in any order, each with its form_id: the window's answers must be its forms, each once.
                    var answered = new List<string>(StreamWindow);
                    for (var i = 0; i < sent.Count; i++)
                    {
                        if (!await call.ResponseStream.MoveNext(stop))
                        {
                            throw new RpcException(new Status(StatusCode.Unavailable, "stream ended"));
                        }
                        answered.Add(call.ResponseStream.Current.FormId);
                    }
                    if (!sent.Order(StringComparer.Ordinal).SequenceEqual(answered.Order(StringComparer.Ordinal)))
                    {
                        Interlocked.Increment(ref figures.StreamMismatch);
                    }
                    Interlocked.Add(ref figures.StreamOk, answered.Count);
                }
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception ex)
            {
                await OutageAsync(ex, figures, () => Interlocked.Increment(ref figures.StreamReconnects), stop);
            }
        }
    }

    /// <summary>All four reviewers go for the same open cases in the same order, so most cases are raced.</summary>
    private static async Task ReviewAsync(GrpcChannel channel, int reviewer, ConcurrentDictionary<string, ConcurrentBag<int>> decisions, Figures figures,
        CancellationToken stop)
    {
        var client = new ReviewService.ReviewServiceClient(channel);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var open = await client.ListCasesAsync(new ListCasesRequest { State = CaseState.Open, PageSize = 5 }, cancellationToken: stop);
                if (open.Cases.Count == 0)
                {
                    await Task.Delay(200, stop);
                    continue;
                }
                var seen = (await client.GetCaseAsync(new GetCaseRequest { CaseId = open.Cases[0].CaseId }, cancellationToken: stop)).ReviewCase;
                var resolve = new ResolveCaseRequest { CaseId = seen.CaseId, Etag = seen.Etag };
                resolve.Decisions.AddRange(seen.Discrepancies.Select(d => d.Field).Distinct()
                    .Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
                try
                {
                    await client.ResolveCaseAsync(resolve, cancellationToken: stop);
                    decisions.GetOrAdd(seen.CaseId, _ => []).Add(reviewer);
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.Aborted or StatusCode.FailedPrecondition)
                {
                    Interlocked.Increment(ref figures.ReviewLost); // another reviewer got there first: expected
                }
            }
            catch (Exception ex)
            {
                await OutageAsync(ex, figures, () => Interlocked.Increment(ref figures.ReviewOutage), stop);
            }
        }
    }

    /// <summary>Counts a failure of the server going away (or of the soak ending) and pauses; other errors are recorded as faults.</summary>
    private static async Task OutageAsync(Exception ex, Figures figures, Action count, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }
        if (ex is RpcException rpc && IsOutage(rpc) || ex is IOException or HttpRequestException)
        {
            count();
            figures.Outages.AddOrUpdate(ex is RpcException o ? o.StatusCode.ToString() : ex.GetType().Name, 1, (_, n) => n + 1);
        }
        else
        {
            figures.Unexpected.Add(ex is RpcException r ? $"{r.StatusCode}: {r.Status.Detail}" : ex.GetType().Name + ": " + ex.Message);
        }
        try
        {
            await Task.Delay(200, stop);
        }
        catch (OperationCanceledException)
        {
            // The soak is over.
        }
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (IsOutage(ex) && attempt < 100)
            {
                await Task.Delay(300, cancellationToken);
            }
        }
    }

    private static GrpcChannel Channel(string server, string token)
    {
        var bearer = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, bearer),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    private static (string Server, string Forms, int Seconds, string Admin, string[] Reviewers)? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        return values.TryGetValue("--server", out var server) && values.TryGetValue("--forms", out var forms)
            && values.TryGetValue("--seconds", out var seconds) && int.TryParse(seconds, CultureInfo.InvariantCulture, out var s)
            && values.TryGetValue("--admin-token", out var admin) && values.TryGetValue("--reviewer-tokens", out var reviewers)
            ? (server, forms, s, admin, reviewers.Split(',', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    private sealed class Figures
    {
        public long UnaryOk;
        public long UnaryOutage;
        public long StreamOk;
        public long StreamReconnects;
        public long StreamMismatch;
        public long ReviewLost;
        public long ReviewOutage;
        public readonly ConcurrentBag<string> Unexpected = [];
        public readonly ConcurrentDictionary<string, int> Outages = new();
    }
}
