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
/// the time is up. Then every decision a reviewer was told it won is checked against the case and the audit trail. Prints figures; exit 1 if a fault was
/// seen (an unexpected error, a decision lost, one case version won twice, a stream answering the wrong form).
/// </summary>
internal static class SoakLoad
{
    public const string Usage = "usage: soak --server URL --forms forms.csv --seconds N --admin-token T --reviewer-tokens T1,T2,T3,T4";

    private const int UnaryCallers = 8;
    private const int Streams = 2;
    private const int StreamWindow = 50;

    /// <summary>A not-found case's best candidate at least this likely is taken as the person; below it the form is confirmed absent.</summary>
    private const double LikelyPerson = 0.5;

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
        var accepted = new ConcurrentBag<Accepted>();
        tasks.AddRange(reviewerChannels.Select(c => Task.Run(() => ReviewAsync(c, accepted, figures, stop.Token))));
        await Task.WhenAll(tasks);
        foreach (var channel in reviewerChannels)
        {
            channel.Dispose();
        }

        var verdict = await CheckDecisionsAsync(adminChannel, accepted, cancellationToken);
        foreach (var fault in verdict.Faults)
        {
            Console.WriteLine("FAULT: " + fault);
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"unary Reconcile: {figures.UnaryOk:N0} OK, {figures.UnaryOutage:N0} failed during outages"));
        Console.WriteLine(string.Create(c, $"ReconcileStream: {figures.StreamOk:N0} forms answered, {figures.StreamReconnects:N0} reconnects, {figures.StreamMismatch:N0} windows of {StreamWindow} not answered form for form"));
        Console.WriteLine(string.Create(c, $"review: {accepted.Count:N0} decisions accepted on {verdict.Cases:N0} cases ({verdict.Superseding:N0} superseding an earlier one on a newer version), {figures.ReviewLost:N0} races lost (ABORTED/FAILED_PRECONDITION), {figures.ReviewOutage:N0} outages"));
        Console.WriteLine($"  accepted by case kind: {Tally(accepted, a => a.Before.Kind)}; by link decision: {Tally(accepted, a => a.Request.LinkDecision)}");
        Console.WriteLine(string.Create(c, $"  checked against the server: {verdict.Faults.Count} faults (one version won twice, a decision missing from its case's history or the audit trail, a case not as its last decision left it); {verdict.DecidedInOutage} cases last changed by a decision whose answer was lost to an outage (in the audit trail)"));
        Console.WriteLine($"failures during outages, by kind: {string.Join(", ", figures.Outages.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Console.WriteLine(string.Create(c, $"unexpected errors: {figures.Unexpected.Count}"));
        foreach (var (what, n) in figures.Unexpected.GroupBy(e => e).Select(g => (g.Key, g.Count())))
        {
            Console.WriteLine($"  {n} x {what}");
        }
        return figures.Unexpected.IsEmpty && verdict.Faults.Count == 0 && figures.StreamMismatch == 0 ? 0 : 1;
    }

    private static string Tally<T>(IEnumerable<Accepted> accepted, Func<Accepted, T> by) where T : struct, Enum
        => string.Join(", ", accepted.GroupBy(by).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

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

    /// <summary>
    /// All four reviewers go for the same open cases in the same order, so most cases are raced. Each decides as a
    /// reviewer at the console would (<see cref="Decide"/>). A case the list showed open may be resolved by the time it
    /// is opened: the reviewer decides it anyway, on the version it sees, which supersedes the earlier decision (the
    /// console's rule), so the supersede path is raced too.
    /// </summary>
    private static async Task ReviewAsync(GrpcChannel channel, ConcurrentBag<Accepted> accepted, Figures figures,
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
                var resolve = Decide(seen);
                try
                {
                    var after = (await client.ResolveCaseAsync(resolve, cancellationToken: stop)).ReviewCase;
                    accepted.Add(new Accepted(seen, resolve, after));
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

    /// <summary>
    /// What a reviewer decides on the case as seen (the API's rules, review_service.proto): a linked case gets a decision
    /// on each flagged field (keep the registry's value), or a confirmation of the link when nothing is flagged; a case
    /// linked to no record (ambiguous, not found, or a rejected link) is linked to the engine's best candidate with its
    /// flagged fields decided, or, when no candidate is likely the person, confirmed as not in the registry (reject).
    /// </summary>
    private static ResolveCaseRequest Decide(ReviewCase seen)
    {
        var resolve = new ResolveCaseRequest { CaseId = seen.CaseId, Etag = seen.Etag };
        if (!string.IsNullOrEmpty(seen.RecordId))
        {
            resolve.Decisions.AddRange(KeepRegistry(seen.Discrepancies));
            if (resolve.Decisions.Count == 0)
            {
                resolve.LinkDecision = LinkDecision.Confirm;
            }
            return resolve;
        }
        var best = seen.Candidates.MaxBy(c => c.Probability);
        if (best is not null && (seen.Kind == CaseKind.Ambiguous || best.Probability >= LikelyPerson))
        {
            resolve.LinkDecision = LinkDecision.Choose;
            resolve.RecordId = best.Record.RecordId;
            resolve.Decisions.AddRange(KeepRegistry(best.Discrepancies));
        }
        else
        {
            resolve.LinkDecision = LinkDecision.Reject;
        }
        return resolve;
    }

    private static IEnumerable<FieldDecision> KeepRegistry(IEnumerable<Discrepancy> flags)
        => flags.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry });

    /// <summary>
    /// The invariant of optimistic concurrency with superseding decisions, checked against what the server kept:
    /// <list type="number">
    /// <item>no two accepted decisions on one case were made on the same version (etag): a race has one winner;</item>
    /// <item>no lost decision: every accepted decision is in the case's history (its field and link decisions, with
    /// reviewer and time) and in the audit trail (one <c>review.resolve_case</c> event of its reviewer for the case);</item>
    /// <item>the case ends as its last accepted decision left it (state, link, current decisions), unless the audit trail
    /// shows a later decision whose answer was lost in an outage.</item>
    /// </list>
    /// A case decided more than once is not a fault: a later decision on a newer version supersedes the earlier one.
    /// Returns the faults found, each described.
    /// </summary>
    private static async Task<Verdict> CheckDecisionsAsync(GrpcChannel admin, IReadOnlyCollection<Accepted> accepted, CancellationToken cancellationToken)
    {
        var review = new ReviewService.ReviewServiceClient(admin);
        var auditEvents = await ResolveEventsAsync(new AuditService.AuditServiceClient(admin), cancellationToken);
        var verdict = new Verdict();
        foreach (var decided in accepted.GroupBy(a => a.CaseId))
        {
            var caseId = decided.Key;
            var ordered = decided.OrderBy(a => a.VersionAfter).ToList();
            verdict.Cases++;
            verdict.Superseding += ordered.Count - 1;
            foreach (var version in ordered.GroupBy(a => a.Before.Etag).Where(g => g.Count() > 1))
            {
                verdict.Fault($"case {caseId}: {version.Count()} decisions accepted on the same version {version.Key}");
            }
            var final = (await RetryAsync(() => review.GetCaseAsync(new GetCaseRequest { CaseId = caseId }).ResponseAsync, cancellationToken)).ReviewCase;
            var events = auditEvents.GetValueOrDefault(caseId) ?? [];
            foreach (var bySubject in ordered.GroupBy(a => a.Subject))
            {
                var logged = events.Count(e => e == bySubject.Key);
                if (logged < bySubject.Count())
                {
                    verdict.Fault($"case {caseId}: {bySubject.Count()} decisions of one reviewer accepted, {logged} in the audit trail");
                }
            }
            var history = final.Decisions.Select(Key).ToHashSet();
            var links = final.LinkDecisions.Select(Key).ToHashSet();
            foreach (var a in ordered)
            {
                if (!a.AnswerShowsTheDecision())
                {
                    verdict.Fault($"case {caseId}: the answer to an accepted decision (version {a.Before.Etag}) does not show it");
                }
                else if (!a.FieldEntries().All(history.Contains) || a.LinkEntry() is { } link && !links.Contains(link))
                {
                    verdict.Fault($"case {caseId}: an accepted decision (version {a.Before.Etag}) is not in its history");
                }
            }
            var last = ordered[^1];
            if (final.Etag == last.After.Etag)
            {
                if (final.State != last.After.State || final.RecordId != last.After.RecordId || final.LinkDecision != last.After.LinkDecision
                    || !Current(final).SequenceEqual(Current(last.After)))
                {
                    verdict.Fault($"case {caseId}: ends {final.State} linked to {(final.RecordId.Length == 0 ? "none" : "a record")}, not as its last accepted decision left it");
                }
            }
            else if (events.Count <= ordered.Count)
            {
                verdict.Fault($"case {caseId}: changed after its last accepted decision (version {last.After.Etag} -> {final.Etag}) with no decision in the audit trail");
            }
            else
            {
                verdict.DecidedInOutage++;
            }
        }
        return verdict;
    }

    /// <summary>The case's decisions in force, in a stable order.</summary>
    private static IEnumerable<FieldEntry> Current(ReviewCase c)
        => c.Decisions.Where(d => !d.Superseded).Select(Key).OrderBy(d => d.Field, StringComparer.Ordinal).ThenBy(d => d.Time);

    /// <summary>A field decision as recorded, whatever later superseded it.</summary>
    private static FieldEntry Key(FieldDecision d) => new(d.Field, d.Action, d.CorrectedValue, d.Reviewer, d.DecideTime.ToDateTimeOffset());

    private static LinkEntry Key(LinkDecisionEntry d) => new(d.Decision, d.RecordId, d.Reviewer, d.DecideTime.ToDateTimeOffset());

    private readonly record struct FieldEntry(string Field, DecisionAction Action, string Value, string Reviewer, DateTimeOffset Time);

    private readonly record struct LinkEntry(LinkDecision Decision, string RecordId, string Reviewer, DateTimeOffset Time);

    /// <summary>A decision the server accepted (answered OK): the case as the reviewer saw it, the request, the answer.</summary>
    private sealed record Accepted(ReviewCase Before, ResolveCaseRequest Request, ReviewCase After)
    {
        public string CaseId => Before.CaseId;

        public int VersionAfter => int.Parse(After.Etag, CultureInfo.InvariantCulture);

        /// <summary>The field decisions it recorded, as answered: the latest entry of each field it decided.</summary>
        public IEnumerable<FieldEntry> FieldEntries() => Request.Decisions.Select(d => Key(After.Decisions.Last(x => x.Field == d.Field)));

        /// <summary>The link decision it recorded, as answered: the latest one.</summary>
        public LinkEntry? LinkEntry() => Request.LinkDecision == LinkDecision.Unspecified ? null : Key(After.LinkDecisions[^1]);

        /// <summary>The token's subject, as the server recorded it.</summary>
        public string Subject => LinkEntry()?.Reviewer ?? FieldEntries().First().Reviewer;

        /// <summary>The answer shows what was asked, in force, by one reviewer.</summary>
        public bool AnswerShowsTheDecision()
        {
            if (Request.Decisions.Any(d => !After.Decisions.Any(x => x.Field == d.Field))
                || Request.LinkDecision != LinkDecision.Unspecified && After.LinkDecisions.Count == 0)
            {
                return false;
            }
            var fields = FieldEntries().ToList();
            var link = LinkEntry();
            return fields.Select(f => f.Action).SequenceEqual(Request.Decisions.Select(d => d.Action))
                && (link is null || link.Value.Decision == Request.LinkDecision)
                && fields.Select(f => f.Reviewer).Append(link?.Reviewer ?? Subject).Distinct().Count() == 1
                && Request.Decisions.All(d => !After.Decisions.Last(x => x.Field == d.Field).Superseded);
        }
    }

    private sealed class Verdict
    {
        public readonly List<string> Faults = [];
        public int Cases;
        public int Superseding;
        public int DecidedInOutage;

        public void Fault(string what) => Faults.Add(what);
    }

    /// <summary>The audit trail's <c>review.resolve_case</c> events: the subjects that decided each case, one per event.</summary>
    private static async Task<Dictionary<string, List<string>>> ResolveEventsAsync(AuditService.AuditServiceClient audit, CancellationToken cancellationToken)
    {
        var byCase = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var request = new ListEventsRequest { Action = "review.resolve_case", PageSize = 1000 };
        do
        {
            var page = await RetryAsync(() => audit.ListEventsAsync(request).ResponseAsync, cancellationToken);
            foreach (var e in page.Events)
            {
                foreach (var target in e.TargetIds.Where(t => t.StartsWith("case:", StringComparison.Ordinal)))
                {
                    var caseId = target["case:".Length..];
                    (byCase.TryGetValue(caseId, out var subjects) ? subjects : byCase[caseId] = []).Add(e.Subject);
                }
            }
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return byCase;
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
