using CccdRecon.Core.Matching;

namespace CccdRecon.Server.Batches;

/// <summary>
/// Where the batch processor matches a chunk of forms: this process's index (the default, <see cref="LocalChunkReconciler"/>)
/// or the cluster's silos (<c>Cluster:Enabled</c>, issue 14). The processor keeps everything else: leasing, the batch's
/// model, writing the chunk.
/// </summary>
internal interface IChunkReconciler
{
    /// <summary>Whether a batch's model can be trained on this process's registry index (not in cluster mode: it holds none).</summary>
    bool CanTrain { get; }

    /// <summary>The results of <paramref name="forms"/>, in their order, scored with <paramref name="batch"/>'s model.</summary>
    Task<Core.Matching.Reconciliation[]> ReconcileAsync(Reconciler batch, IReadOnlyList<SurveyForm> forms, CancellationToken cancellationToken);
}

/// <summary>Single-process mode: the chunk on every core against this process's index.</summary>
internal sealed class LocalChunkReconciler : IChunkReconciler
{
    public bool CanTrain => true;

    public Task<Core.Matching.Reconciliation[]> ReconcileAsync(Reconciler batch, IReadOnlyList<SurveyForm> forms, CancellationToken cancellationToken)
    {
        // The engine is pure CPU work and thread-safe.
        var results = new Core.Matching.Reconciliation[forms.Count];
        Parallel.For(0, forms.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = batch.Reconcile(forms[i]));
        return Task.FromResult(results);
    }
}
