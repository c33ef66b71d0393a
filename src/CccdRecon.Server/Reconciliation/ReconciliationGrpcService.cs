using System.Threading.Channels;
using CccdRecon.Contracts.V1;
using CccdRecon.Data;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Forms;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Reconciliation;

/// <summary>On-the-spot reconciliation (đối soát trực tuyến); nothing is stored.</summary>
internal sealed class ReconciliationGrpcService(
    IFormReconciler reconciler,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    ILogger<ReconciliationGrpcService> logger) : ReconciliationService.ReconciliationServiceBase
{
    public override async Task<ReconcileResponse> Reconcile(ReconcileRequest request, ServerCallContext context)
    {
        var form = request.Form?.ToDomain();
        FormRules.Check(form, limits.Value, "form.").ThrowIfInvalid();
        var result = (await reconciler.ReconcileAsync(form!, context.CancellationToken)).ToProto();
        await audit.EnqueueAsync(context.GetCaller(), AuditActions.Reconcile, Targets(result), context.CancellationToken);
        return new ReconcileResponse { Reconciliation = result };
    }

    /// <summary>The form and the registry record whose values the result discloses.</summary>
    private static IEnumerable<string> Targets(Contracts.V1.Reconciliation result)
        => result.RecordId.Length > 0 ? [AuditTarget.Form(result.FormId), AuditTarget.Record(result.RecordId)] : [AuditTarget.Form(result.FormId)];

    /// <summary>
    /// Reads forms while a few workers reconcile them, so results come back in any order. A bad form gets an
    /// error result and the stream goes on. The ids answered are audited as the stream goes (<see cref="StreamAudit"/>).
    /// </summary>
    public override async Task ReconcileStream(IAsyncStreamReader<ReconcileStreamRequest> requestStream,
        IServerStreamWriter<ReconcileStreamResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var caller = context.GetCaller();
        var answered = new StreamAudit(audit, caller, AuditActions.ReconcileStream);
        var work = Channel.CreateBounded<(long Index, SurveyForm? Form)>(64);
        using var writeLock = new SemaphoreSlim(1, 1);

        async Task Send(ReconcileStreamResponse response)
        {
            await writeLock.WaitAsync(cancellationToken);
            try
            {
                await responseStream.WriteAsync(response, cancellationToken);
            }
            finally
            {
                writeLock.Release();
            }
        }

        async Task Worker()
        {
            await foreach (var (index, received) in work.Reader.ReadAllAsync(cancellationToken))
            {
                var form = received?.ToDomain();
                var check = FormRules.Check(form, limits.Value, "form.");
                if (!check.IsValid)
                {
                    await Send(new ReconcileStreamResponse
                    {
                        FormId = FormRules.KeyOf(form),
                        Error = RpcErrors.ItemError(index, FormRules.KeyOf(form), check.Violations),
                    });
                    continue;
                }
                ReconcileStreamResponse response;
                try
                {
                    response = new ReconcileStreamResponse { FormId = form!.FormId, Reconciliation = (await reconciler.ReconcileAsync(form, cancellationToken)).ToProto() };
                    // Recorded even if the caller goes away now: the answer may already be on its way.
                    await answered.AddAsync(Targets(response.Reconciliation), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The engine promises not to throw on bad data; if it ever does, this form fails alone.
                    Log.ReconcileFailed(logger, index, ex.GetType().Name);
                    response = new ReconcileStreamResponse
                    {
                        FormId = form!.FormId,
                        Error = new ItemError { Index = index, Key = form.FormId, Reason = "internal error while reconciling this form" },
                    };
                }
                await Send(response);
            }
        }

        var workers = Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4)).Select(_ => Task.Run(Worker, cancellationToken)).ToArray();
        try
        {
            long index = 0;
            await foreach (var request in requestStream.ReadAllAsync(cancellationToken))
            {
                await work.Writer.WriteAsync((index++, request.Form), cancellationToken);
            }
        }
        finally
        {
            work.Writer.TryComplete();
            try
            {
                await Task.WhenAll(workers);
            }
            finally
            {
                // What was answered and not yet recorded, even when the caller went away part-way.
                await answered.CompleteAsync(CancellationToken.None);
            }
        }
    }
}
