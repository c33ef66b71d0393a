using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Testing;

/// <summary>
/// Explanations as the engine writes them: the samples' forms (samples/forms.csv) reconciled against their registry with
/// the default model and options, computed once per test run (about 2,000: clean, review, no match, not corroborated).
/// </summary>
internal static class SampleExplanations
{
    private static readonly Lazy<IReadOnlyList<MatchExplanation>> Computed = new(Compute);

    public static IReadOnlyList<MatchExplanation> All => Computed.Value;

    private static IReadOnlyList<MatchExplanation> Compute()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CccdRecon.sln")))
        {
            root = root.Parent!;
        }
        using var registry = File.OpenRead(Path.Combine(root.FullName, "samples", "registry.csv"));
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(InterchangeCsv.ReadRegistry(registry, _ => { }).ToList());
        var reconciler = new Reconciler(index, new MatchingOptions(), TimeProvider.System);
        using var forms = File.OpenRead(Path.Combine(root.FullName, "samples", "forms.csv"));
        return InterchangeCsv.ReadForms(forms, _ => { }).Select(f => reconciler.Reconcile(f).Explanation).ToList();
    }
}
