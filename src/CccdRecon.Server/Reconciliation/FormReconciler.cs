using CccdRecon.Core.Matching;

namespace CccdRecon.Server.Reconciliation;

/// <summary>Where online calls are reconciled: this process's index (the default) or the cluster (<c>Cluster:Enabled</c>).</summary>
internal interface IFormReconciler
{
    ValueTask<Core.Matching.Reconciliation> ReconcileAsync(SurveyForm form, CancellationToken cancellationToken);
}

/// <summary>Single-process mode: the in-memory index of this process.</summary>
internal sealed class LocalFormReconciler(Reconciler reconciler) : IFormReconciler
{
    public ValueTask<Core.Matching.Reconciliation> ReconcileAsync(SurveyForm form, CancellationToken cancellationToken)
        => ValueTask.FromResult(reconciler.Reconcile(form));
}
