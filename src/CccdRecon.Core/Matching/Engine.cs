namespace CccdRecon.Core.Matching;

/// <summary>Decision thresholds and engine limits, bound from configuration by the hosts.</summary>
public sealed class MatchingOptions
{
    /// <summary>A best candidate at or above this probability is a match (clean or review).</summary>
    public double MatchThreshold { get; set; } = 0.80;

    /// <summary>A second candidate at or above this probability, and close to the best, makes the result ambiguous.</summary>
    public double AmbiguityThreshold { get; set; } = 0.50;

    /// <summary>The best must lead the runner-up by at least this many log2 units (bits of evidence) not to be ambiguous.</summary>
    public double AmbiguityMarginBits { get; set; } = 4.0;

    /// <summary>At most this many candidates are scored per form (the cheapest blocks first).</summary>
    public int MaxCandidates { get; set; } = 64;

    /// <summary>A blocking key shared by more records than this is skipped as uninformative.</summary>
    public int MaxBlockSize { get; set; } = 512;
}

/// <summary>
/// The ready-for-intake record (hồ sơ sạch): identity fields from the registry (or a reviewer's decision),
/// residence from the form.
/// </summary>
public sealed record CleanRecord(string FormId, RegistryRecord Record);

/// <summary>The in-memory candidate-search index over the registry. Thread-safe for concurrent reads and upserts.</summary>
public sealed class RegistryIndex
{
    public RegistryIndex(DateOnly today) => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    /// <summary>Adds or replaces the record with the same RecordId. Returns false (and a reason) when the record is unreadable.</summary>
    public bool Upsert(RegistryRecord record, out string? problem) => throw new NotImplementedException();

    public RegistryRecord? Get(string recordId) => throw new NotImplementedException();
}

/// <summary>Reconciles forms against a <see cref="RegistryIndex"/>. Thread-safe.</summary>
public sealed class Reconciler
{
    public Reconciler(RegistryIndex index, MatchingOptions options, TimeProvider timeProvider) => throw new NotImplementedException();

    /// <summary>Reconciles one form. Never throws for bad data: an unreadable form comes back NoMatch with the reason.</summary>
    public Reconciliation Reconcile(SurveyForm form) => throw new NotImplementedException();

    /// <summary>Re-estimates m and u probabilities by EM over the candidate pairs of a sample of forms.</summary>
    public void Train(IEnumerable<SurveyForm> sample, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>The intake record for a matched form: registry identity fields, the form's permanent address.</summary>
    public static CleanRecord ComposeClean(SurveyForm form, RegistryRecord record) => throw new NotImplementedException();
}
