namespace CccdRecon.Core.Matching;

/// <summary>Decision thresholds and engine limits, bound from configuration by the hosts.</summary>
public sealed class MatchingOptions
{
    /// <summary>A best candidate at or above this probability is a match (clean or review).</summary>
    public double MatchThreshold { get; set; } = 0.90;

    /// <summary>A runner-up at or above this probability, and close to the best, makes the result ambiguous.</summary>
    public double AmbiguityThreshold { get; set; } = 0.10;

    /// <summary>The best must lead the runner-up by at least this many bits (log2 Bayes factor) not to be ambiguous.</summary>
    public double AmbiguityMarginBits { get; set; } = 6.0;

    /// <summary>
    /// Bits of evidence (log2 of the likelihood ratio) a field other than the name must give for a link to count as
    /// corroborated: 5 bits means its agreement is 32 times likelier for the same person than for another.
    /// </summary>
    public double CorroborationBits { get; set; } = 5.0;

    /// <summary>At most this many candidates are scored per form.</summary>
    public int MaxCandidates { get; set; } = 200;

    /// <summary>A blocking key shared by more records than this is skipped as uninformative.</summary>
    public int MaxBlockSize { get; set; } = 400;

    /// <summary>How many candidates an explanation lists.</summary>
    public int ExplainCandidates { get; set; } = 5;

    /// <summary>Checks the options; returns the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MatchThreshold is <= 0 or >= 1) problems.Add("MatchThreshold must be between 0 and 1 exclusive.");
        if (AmbiguityThreshold is <= 0 or >= 1) problems.Add("AmbiguityThreshold must be between 0 and 1 exclusive.");
        if (AmbiguityMarginBits < 0) problems.Add("AmbiguityMarginBits must not be negative.");
        if (MaxCandidates < 1) problems.Add("MaxCandidates must be at least 1.");
        if (MaxBlockSize < 2) problems.Add("MaxBlockSize must be at least 2.");
        if (ExplainCandidates < 1) problems.Add("ExplainCandidates must be at least 1.");
        return problems;
    }
}

/// <summary>
/// The ready-for-intake record (hồ sơ sạch): identity fields from the registry (or a reviewer's decision),
/// residence from the form.
/// </summary>
public sealed record CleanRecord(string FormId, RegistryRecord Record);
