namespace CccdRecon.Core.Matching;

/// <summary>
/// Reconciles survey forms against a <see cref="RegistryIndex"/> (đối soát phiếu với hộ tịch) under one immutable
/// <see cref="MatchModel"/>: candidate search (<see cref="CandidateSearch"/>), scoring by branch and bound
/// (<see cref="CandidateScorer"/>), the posterior (<see cref="Posterior"/>), the verdict
/// (<see cref="Classification"/>, <see cref="DecisionRules"/>) and the result with its explanation
/// (<see cref="Explanations"/>). Thread-safe. A new model means a new reconciler (<see cref="WithModel"/>).
/// </summary>
public sealed class Reconciler
{
    private readonly RegistryIndex _index;
    private readonly MatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly CandidateSearch _search;
    private readonly CandidateScorer _scorer;
    private readonly Explanations _explanations;
    private readonly ThreadLocal<MatchScratch> _scratch = new(() => new MatchScratch());

    public Reconciler(RegistryIndex index, MatchingOptions options, TimeProvider timeProvider, MatchModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _index = index;
        _options = options;
        _time = timeProvider;
        Model = model ?? MatchModel.Default;
        _search = new CandidateSearch(index, options);
        _scorer = new CandidateScorer(index, options, Model);
        _explanations = new Explanations(Model, options);
    }

    /// <summary>The model every form of this reconciler is scored with.</summary>
    public MatchModel Model { get; }

    public RegistryIndex Index => _index;

    public MatchingOptions Options => _options;

    /// <summary>The same registry and options under another model.</summary>
    public Reconciler WithModel(MatchModel model) => new(_index, _options, _time, model) { Prune = Prune, SortEverySetAside = SortEverySetAside };

    /// <summary>
    /// Branch and bound on (the default): candidates that cannot matter are kept at an upper bound instead of being
    /// compared in full. Off, every candidate is scored in full; tests hold the two to the same decisions.
    /// </summary>
    internal bool Prune { get => _scorer.Prune; init => _scorer = new CandidateScorer(_index, _options, Model) { Prune = value }; }

    /// <summary>
    /// On, every candidate set aside before its name joins the sorted list, as before <see cref="SetAsideCandidates"/>
    /// kept all but the best few apart: for tests, which hold the two to the same results, explanations included.
    /// </summary>
    internal bool SortEverySetAside { get; init; }

    private sealed record TodayCache(DateOnly Date, DateTimeOffset FromUtc, DateTimeOffset UntilUtc);
    private volatile TodayCache _today = new(default, DateTimeOffset.MaxValue, DateTimeOffset.MinValue);

    /// <summary>
    /// Today's local date, for two-digit years and ages. Converting to local time costs more than a form's ID check,
    /// so the date is kept until the next local midnight or for a minute at most (which also follows time-zone changes).
    /// </summary>
    internal DateOnly Today
    {
        get
        {
            var cached = _today;
            var utc = _time.GetUtcNow();
            if (utc >= cached.FromUtc && utc < cached.UntilUtc) return cached.Date;
            var local = _time.GetLocalNow();
            var date = DateOnly.FromDateTime(local.DateTime);
            var midnight = new DateTimeOffset(local.Date.AddDays(1), local.Offset).ToUniversalTime();
            _today = new TodayCache(date, utc, midnight < utc.AddMinutes(1) ? midnight : utc.AddMinutes(1));
            return date;
        }
    }

    /// <summary>
    /// How many forms, the first of a run in input order, both the offline <c>reconcile</c> and a batch on the server
    /// train the model on: the same sample gives the same model, and so the same decisions on both paths.
    /// </summary>
    public const int DefaultTrainingSample = 3_000;

    /// <summary>Reconciles one form. Never throws for bad data: an unreadable form comes back NoMatch with the reason.</summary>
    public Reconciliation Reconcile(SurveyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var profile = PersonProfile.FromForm(form, Today);
        var normalizations = Normalizations.Describe(form, profile);
        var scratch = _scratch.Value!;
        scratch.Reset();
        scratch.Counts.Forms++;
        var scored = scratch.Scored;
        double prior;
        using (var read = _index.Read())
        {
            prior = Model.PriorWeight(_index.RegistrySizeInRead);
            // An unreadable name can still be linked by its ID number and date (a garbled legacy encoding, say).
            if (!profile.Name.IsReadable && profile.Id12 is null && profile.Id9 is null)
                return _explanations.Unreadable(form, normalizations, prior, $"full_name unreadable: {profile.Name.Problem}");
            foreach (var stage in CandidateSearch.Stages)
            {
                var before = scratch.Candidates.Count;
                _search.Gather(profile, stage, scratch.Keys, scratch.Candidates);
                _scorer.ScoreNew(profile, scratch, before, prior);
                if (Settled(profile, scored, scratch.SetAside, stage)) break;
            }
            // Only the best few set aside join the list (as many as the explanation lists: no candidate set aside below
            // them can stand among its first); the others count in the posterior through their weights alone. Exact:
            // see SetAsideCandidates.
            var setAside = scratch.SetAside;
            var restore = _scorer.RestoreFor(profile, scratch);
            if (SortEverySetAside) setAside.KeepAll(scored, restore);
            else setAside.KeepBest(scored, _options.ExplainCandidates, restore);
            scratch.Order.Sort(scored);
            var rest = setAside.Rest;
            var verdict = Classification.Of(scored, rest, Model, _options, prunedAtCeiling: true);
            // A pruned candidate is kept at its upper bound; its true weight lies below. The verdict is exact when it is the
            // same with the pruned at their bounds and with them left out (each verdict is an interval of the denominator);
            // otherwise the pruned are scored in full.
            if (verdict.HasPruned && (Classification.Of(scored, rest, Model, _options, prunedAtCeiling: false).Verdict != verdict.Verdict
                || ScoreLeansOnBounds(scored, rest, verdict)))
            {
                setAside.KeepAll(scored, restore);
                rest = setAside.Rest;
                _scorer.ScorePruned(profile, scratch, prior);
                scratch.Order.Sort(scored);
                verdict = Classification.Of(scored, Model, _options, prunedAtCeiling: true);
            }
            Posterior.Assign(scored, rest);
            return _explanations.Decide(form, profile, scored, normalizations, verdict, prior);
        }
    }

    /// <summary>
    /// The form compared in full with one record a person chose (a candidate of an ambiguous form, or a record a reviewer
    /// found): the evidence field by field, the probability were it the only candidate, whether the engine's rules would
    /// link it, and what would need correcting. The same comparison and model as <see cref="Reconcile"/>.
    /// </summary>
    public PairExplanation ExplainPair(SurveyForm form, RegistryRecord record)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(record);
        var today = Today;
        var profile = PersonProfile.FromForm(form, today);
        var indexed = new IndexedRecord(record, PersonProfile.FromRecord(record, today));
        var box = new ComparisonBox { Value = FieldComparer.Compare(profile, indexed.Profile) };
        double prior;
        using (var read = _index.Read())
        {
            prior = Model.PriorWeight(_index.RegistrySizeInRead);
            if (box.Value.Levels.Name < NameLevel.Similar) box.Value.NameFrequency = _index.NameFrequency(indexed.Profile.Name.FoldedKey);
        }
        var weight = prior + Model.Evidence(box.Value.Levels, box.Value.NameFrequency);
        return _explanations.Pair(form, profile, new Scored(indexed, box, weight, Posterior.Alone(weight), 0), prior);
    }

    /// <summary>What the calling thread's forms cost since the last call, counted (for the benchmark); the count starts again.</summary>
    internal ScoringCounts TakeCounts()
    {
        var scratch = _scratch.Value!;
        var counts = scratch.Counts;
        scratch.Counts = default;
        return counts;
    }

    /// <summary>
    /// The score a result reports (three decimals) would differ with the pruned candidates at their bounds and left out:
    /// their true weights could move it, so they are scored in full and the reported score is the exhaustive one.
    /// </summary>
    private static bool ScoreLeansOnBounds(List<Scored> sorted, ReadOnlySpan<double> rest, Classification verdict)
    {
        var reported = verdict.Verdict == Verdict.Ambiguous ? verdict.First : verdict.Chosen;
        if (reported < 0) return false;
        var weight = sorted[reported].Weight;
        return Math.Round(Posterior.Over(sorted, rest, includePruned: true).Of(weight), 3) != Math.Round(Posterior.Over(sorted, rest, includePruned: false).Of(weight), 3);
    }

    /// <summary>The intake record for a matched form: registry identity fields, the form's permanent address.</summary>
    public static CleanRecord ComposeClean(SurveyForm form, RegistryRecord record)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(record);
        return new CleanRecord(form.FormId, record with
        {
            // People move: the form's residence is the current one.
            PermanentAddress = string.IsNullOrWhiteSpace(form.PermanentAddress) ? record.PermanentAddress : form.PermanentAddress.Trim(),
        });
    }

    /// <summary>
    /// Whether the candidates so far already decide the form so that no later stage could change it
    /// (<see cref="DecisionRules.IdentitySettles"/>, <see cref="DecisionRules.NameAndDateSettle"/>); otherwise the broad
    /// keys decide once the best clears the threshold and may be linked. The secondary stage is the last.
    /// </summary>
    private bool Settled(PersonProfile profile, List<Scored> scored, SetAsideCandidates setAside, ProbeStage stage)
    {
        if (stage == ProbeStage.Secondary) return true;
        var at = -1;
        for (var i = 0; i < scored.Count; i++)
            if (at < 0 || scored[i].Weight > scored[at].Weight) at = i;
        // The first best of the list the candidates set aside would have stood in (each just before the scored candidate
        // at its position): one of them when its bound is greater, or equal and ahead. Set aside means pruned.
        if (at < 0 || setAside.MaxWeight > scored[at].Weight || (setAside.MaxWeight == scored[at].Weight && setAside.MaxWeightPosition <= at)) return false;
        var b = scored[at];
        if (b.Pruned || b.Probability < _options.MatchThreshold) return false;
        var levels = b.Comparison.Levels;
        return stage switch
        {
            ProbeStage.Identity => DecisionRules.IdentitySettles(levels),
            ProbeStage.Specific => DecisionRules.NameAndDateSettle(levels, profile.Id12 is not null || profile.Id9 is not null),
            _ => DecisionRules.WhyNotLinkable(levels, Model, _options) is null,
        };
    }
}
