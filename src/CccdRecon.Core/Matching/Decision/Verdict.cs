namespace CccdRecon.Core.Matching;

/// <summary>What the candidates decide, before any explanation is written.</summary>
internal enum Verdict
{
    NoCandidate,
    /// <summary>Two candidates close in weight could each be this person.</summary>
    Ambiguous,
    /// <summary>No candidate passes <see cref="DecisionRules.WhyNotLinkable"/>.</summary>
    NotCorroborated,
    /// <summary>The best linkable candidate's posterior is under the match threshold.</summary>
    BelowThreshold,
    Match,
}

/// <summary>The verdict, and where its candidates stand in the sorted list: the best two not pruned, the one linked.</summary>
internal readonly record struct Classification(Verdict Verdict, bool HasPruned, int First = -1, int Second = -1, int Chosen = -1)
{
    /// <summary>
    /// The decision over candidates sorted best first, each posterior computed against the others (see
    /// <see cref="Posterior"/>). Pruned candidates count at their upper bound (<paramref name="prunedAtCeiling"/>) or
    /// not at all.
    /// </summary>
    public static Classification Of(List<Scored> sorted, MatchModel model, MatchingOptions options, bool prunedAtCeiling) =>
        Of(sorted, [], model, options, prunedAtCeiling);

    /// <summary>
    /// The same with candidates set aside apart from the list (<see cref="SetAsideCandidates.Rest"/>): they are pruned,
    /// so they count only in the posterior's sum. The verdict is the full list's; the places are in this list.
    /// </summary>
    public static Classification Of(List<Scored> sorted, ReadOnlySpan<double> rest, MatchModel model, MatchingOptions options, bool prunedAtCeiling)
    {
        if (sorted.Count == 0) return new(Verdict.NoCandidate, false);
        // Worked out when a rule reads it: most forms of an absent person have no runner-up and nothing linkable.
        Posterior? computed = null;
        var hasPruned = !rest.IsEmpty;
        foreach (var s in sorted) hasPruned |= s.Pruned;

        // Ambiguity first: two close candidates that could each be this person are for a human, corroborated or not.
        int first = -1, second = -1;
        for (var i = 0; i < sorted.Count && second < 0; i++)
        {
            if (sorted[i].Pruned) continue;
            if (first < 0) first = i;
            else second = i;
        }
        if (second >= 0 && IsCloseRunnerUp(sorted[first], sorted[second], computed ??= Posterior.Over(sorted, rest, prunedAtCeiling), options))
            return new(Verdict.Ambiguous, hasPruned, first, second);
        // Only a corroborated candidate can be linked; the others stay in the explanation.
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Pruned || DecisionRules.WhyNotLinkable(sorted[i].Comparison.Levels, model, options) is not null) continue;
            var verdict = (computed ??= Posterior.Over(sorted, rest, prunedAtCeiling)).Of(sorted[i].Weight) >= options.MatchThreshold ? Verdict.Match : Verdict.BelowThreshold;
            return new(verdict, hasPruned, first, second, i);
        }
        return new(Verdict.NotCorroborated, hasPruned, first, second);
    }

    /// <summary>
    /// The runner-up is plausible in its own right (posterior at least <see cref="MatchingOptions.AmbiguityThreshold"/>)
    /// and within <see cref="MatchingOptions.AmbiguityMarginBits"/> of the best: the data cannot tell them apart.
    /// </summary>
    public static bool IsCloseRunnerUp(in Scored best, in Scored runnerUp, Posterior posterior, MatchingOptions options) =>
        posterior.Of(runnerUp.Weight) >= options.AmbiguityThreshold && best.Weight - runnerUp.Weight < options.AmbiguityMarginBits;
}
