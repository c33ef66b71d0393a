using System.Globalization;

namespace CccdRecon.Core.Matching;

/// <summary>
/// Reconciles survey forms against a <see cref="RegistryIndex"/> (đối soát phiếu với hộ tịch): candidate search,
/// Fellegi–Sunter scoring, the clean/review/no_match/ambiguous decision, discrepancies and their explanation.
/// Thread-safe.
/// </summary>
public sealed class Reconciler
{
    private readonly RegistryIndex _index;
    private readonly MatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly ThreadLocal<Scratch> _scratch = new(() => new Scratch());
    private MatchModel _model = MatchModel.Default;

    public Reconciler(RegistryIndex index, MatchingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _index = index;
        _options = options;
        _time = timeProvider;
    }

    private sealed record TodayCache(DateOnly Date, DateTimeOffset FromUtc, DateTimeOffset UntilUtc);
    private volatile TodayCache _today = new(default, DateTimeOffset.MaxValue, DateTimeOffset.MinValue);

    /// <summary>
    /// Today's local date, for two-digit years and ages. Converting to local time costs more than a form's ID check,
    /// so the date is kept until the next local midnight or for a minute at most (which also follows time-zone changes).
    /// </summary>
    private DateOnly Today
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

    /// <summary>The model's parameters per field and level, for reports.</summary>
    public IReadOnlyList<ModelParameter> DescribeModel()
    {
        var model = _model;
        var list = new List<ModelParameter>();
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var spec = FieldCatalog.Fields[f];
            for (var l = 0; l < spec.Levels.Length; l++)
                list.Add(new ModelParameter(spec.Name, spec.Levels[l], model.M(f, l), model.U(f, l), model.Weight(f, l)));
        }
        return list;
    }

    /// <summary>
    /// Branch and bound on (the default): candidates that cannot matter are kept at an upper bound instead of being
    /// compared in full. Off, every candidate is scored in full; tests hold the two to the same decisions.
    /// </summary>
    internal bool Prune { get; init; } = true;

    /// <summary>The prior share of candidate pairs that are the same person.</summary>
    public double Lambda => _model.Lambda;

    /// <summary>
    /// How many forms, the first of a run in input order, both the offline <c>reconcile</c> and a batch on the server
    /// train the model on: the same sample gives the same model, and so the same decisions on both paths.
    /// </summary>
    public const int DefaultTrainingSample = 3_000;

    /// <summary>
    /// Estimates u from random registry pairs and then m and λ by EM over the candidate pairs of a sample of forms.
    /// </summary>
    public void Train(IEnumerable<SurveyForm> sample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var today = Today;
        var randomVectors = _index.RandomPairs(50_000, seed: 7)
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(p => FieldComparer.Compare(p.A, p.B).Levels)
            .ToList();
        var model = MatchModel.Default.WithU(randomVectors);

        var forms = sample.ToList();
        var found = new List<(LevelVector Levels, uint Kinds)>[forms.Count];
        Parallel.For(0, forms.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var scratch = _scratch.Value!;
            var list = new List<(LevelVector, uint)>();
            var profile = PersonProfile.FromForm(forms[i], today);
            if (profile.Name.IsReadable)
            {
                using var read = _index.Read();
                scratch.Candidates.Clear();
                foreach (var stage in Stages) Gather(profile, scratch, stage);
                // A bounded sample of each form's candidates is plenty for EM and keeps training flat at any scale.
                for (var c = 0; c < Math.Min(scratch.Candidates.Count, TrainingCandidatesPerForm); c++)
                {
                    var (slot, kinds) = scratch.Candidates[c];
                    list.Add((FieldComparer.Compare(profile, _index.At(slot).Profile).Levels, kinds));
                }
            }
            found[i] = list;
        });
        var pairs = found.SelectMany(f => f).ToList();
        var sessions = TrainingSessions.Split(pairs);
        _model = model.WithEm(sessions, pairs.Select(p => p.Levels).ToList());
    }

    /// <summary>Reconciles one form. Never throws for bad data: an unreadable form comes back NoMatch with the reason.</summary>
    public Reconciliation Reconcile(SurveyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var model = _model;
        var profile = PersonProfile.FromForm(form, Today);
        var normalizations = Normalizations.Describe(form, profile);
        if (!profile.Name.IsReadable)
        {
            var why = $"full_name unreadable: {profile.Name.Problem}";
            return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations,
                new MatchExplanation(model.PriorWeight, [], [], why));
        }

        var scratch = _scratch.Value!;
        scratch.Reset();
        var scored = scratch.Scored;
        using var read = _index.Read();
        foreach (var stage in Stages)
        {
            var before = scratch.Candidates.Count;
            Gather(profile, scratch, stage);
            ScoreAll(profile, scratch, model, before);
            if (Settled(profile, scored, stage, model)) break;
        }
        scored.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));
        var verdict = Classify(scored, model, prunedAtCeiling: true);
        // A pruned candidate is kept at its upper bound; its true weight lies below. The verdict is exact when it is the
        // same with the pruned at their bounds and with them left out (each verdict is an interval of the denominator);
        // otherwise the pruned are scored in full.
        if (verdict.HasPruned && Classify(scored, model, prunedAtCeiling: false).Verdict != verdict.Verdict)
        {
            ScorePruned(profile, scored, model);
            scored.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));
            verdict = Classify(scored, model, prunedAtCeiling: true);
        }
        Normalise(scored);
        return Decide(form, profile, scored, model, normalizations, verdict);
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

    private static readonly ProbeStage[] Stages = Enum.GetValues<ProbeStage>();
    private const int TrainingCandidatesPerForm = 40;

    private void Gather(PersonProfile profile, Scratch scratch, ProbeStage stage)
    {
        BlockingKeys.ForStage(profile, stage, scratch.Keys);
        if (scratch.Keys.Count > 0) _index.Probe(scratch.Keys, _options.MaxBlockSize, _options.MaxCandidates, scratch.Candidates);
    }

    /// <summary>
    /// Whether the candidates so far already decide the form so that no later stage could change it. After the ID
    /// stage: the ID number agrees and so does the name — any other record lacks the ID's 20-odd bits and cannot come
    /// within the ambiguity margin. After the specific stage: name and full date agree, the form's ID (if any) does
    /// not contradict it, and every namesake born that day is already among the candidates. Otherwise the broad keys
    /// decide once the best clears the threshold, as before; the secondary stage is the last.
    /// </summary>
    private bool Settled(PersonProfile profile, List<Scored> scored, ProbeStage stage, MatchModel model)
    {
        if (stage == ProbeStage.Secondary) return true;
        var best = Best(scored);
        if (best is not { } b || b.Pruned || b.Probability < _options.MatchThreshold) return false;
        var levels = b.Comparison.Levels;
        var nameAgrees = levels[(int)MatchField.FullName] is >= 0 and <= 5;
        return stage switch
        {
            ProbeStage.Identity => levels[(int)MatchField.PersonalId] == 0 && nameAgrees,
            ProbeStage.Specific => levels[(int)MatchField.FullName] == 0 && levels[(int)MatchField.DateOfBirth] == 0
                && (profile.Id12 is null && profile.Id9 is null || levels[(int)MatchField.PersonalId] is 0 or 1 or 2),
            _ => Corroboration(b.Comparison, model) is null,
        };
    }

    /// <summary>
    /// Scores candidates from <paramref name="from"/> on. Branch and bound: the cheap decisive fields are compared for
    /// every candidate first; then, best first, a candidate that could not come within the ambiguity margin of the best
    /// even if its parents and address all agreed is kept at that upper bound without the costly comparisons. The
    /// address, the costliest, is skipped where no address could change the outcome.
    /// </summary>
    private void ScoreAll(PersonProfile profile, Scratch scratch, MatchModel model, int from)
    {
        var core = scratch.Core;
        core.Clear();
        for (var i = from; i < scratch.Candidates.Count; i++)
        {
            var (slot, kinds) = scratch.Candidates[i];
            var record = _index.At(slot);
            var box = scratch.RentComparison();
            ref var comparison = ref box.Value;
            FieldComparer.CompareCore(profile, record.Profile, ref comparison);
            FieldComparer.CompareParentsQuickly(profile, record.Profile, ref comparison);
            if (comparison.Levels[(int)MatchField.FullName] == 0) comparison.NameFrequency = _index.NameFrequency(record.Profile.Name.FoldedKey);
            core.Add(new Scored(record, box, model.PriorWeight + Evidence(comparison, record.Profile, model), 0, kinds));
        }
        core.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));

        var best = double.NegativeInfinity;
        foreach (var s in scratch.Scored)
            if (!s.Pruned) best = Math.Max(best, s.Weight);
        var bar = _options.AmbiguityMarginBits + 1;
        // Below this even a lone candidate's probability stays under the ambiguity threshold: it can neither be linked
        // nor make the result ambiguous.
        var floor = Logit(_options.AmbiguityThreshold);
        var certain = Logit(_options.MatchThreshold) + _options.AmbiguityMarginBits + 10;
        var addressMin = model.MinWeight((int)MatchField.Address);
        var addressMax = Math.Max(0, model.MaxWeight((int)MatchField.Address));
        foreach (var candidate in core)
        {
            var record = candidate.Record;
            ref var comparison = ref candidate.Comparison;
            var ceiling = candidate.Weight + RestCeiling(profile, record.Profile, comparison, model);
            if (Prune && (ceiling < best - bar || ceiling < floor))
            {
                // Kept as considered, at its upper bound, so the explanation still lists it.
                scratch.Scored.Add(candidate with { Weight = ceiling, Probability = Probability(ceiling), Pruned = true });
                continue;
            }
            FieldComparer.CompareParents(profile, record.Profile, ref comparison);
            var weight = model.PriorWeight + Evidence(comparison, record.Profile, model);
            var hasAddress = FieldComparer.HasRest(profile, record.Profile, MatchField.Address);
            if (Prune && weight + (hasAddress ? addressMax : 0) < floor)
            {
                ceiling = weight + (hasAddress ? addressMax : 0);
                scratch.Scored.Add(candidate with { Weight = ceiling, Probability = Probability(ceiling), Pruned = true });
                continue;
            }
            var decided = Prune && (weight + addressMin >= Math.Max(certain, best + bar) || weight + addressMax < best - bar);
            if (hasAddress && !decided)
            {
                FieldComparer.CompareAddress(profile, record.Profile, ref comparison);
                weight = model.PriorWeight + Evidence(comparison, record.Profile, model);
            }
            else if (hasAddress) comparison.AddressSkipped = true;
            best = Math.Max(best, weight);
            scratch.Scored.Add(candidate with { Weight = weight, Probability = Probability(weight) });
        }
    }

    private static double Logit(double p) => Math.Log2(p / (1 - p));

    /// <summary>
    /// The most the parents not yet compared and the address could still add. A parent whose folded name differs
    /// cannot reach the agree level, which keeps this bound tight for the many namesakes a broad key brings in.
    /// </summary>
    private static double RestCeiling(PersonProfile form, PersonProfile record, in PairComparison c, MatchModel model)
    {
        double ceiling = 0;
        if (c.Father is null) ceiling += ParentCeiling(form.Father?.FoldedKey, record.FatherFolded, (int)MatchField.FatherName, model);
        if (c.Mother is null) ceiling += ParentCeiling(form.Mother?.FoldedKey, record.MotherFolded, (int)MatchField.MotherName, model);
        if (FieldComparer.HasRest(form, record, MatchField.Address)) ceiling += Math.Max(0, model.MaxWeight((int)MatchField.Address));
        return ceiling;
    }

    private static double ParentCeiling(string? form, string? record, int field, MatchModel model)
    {
        if (form is null || record is null) return 0;
        return Math.Max(0, form == record ? model.MaxWeight(field) : model.MaxWeightDisagreeing(field));
    }

    private static int BitCount(uint kinds) => System.Numerics.BitOperations.PopCount(kinds);

    private double Evidence(in PairComparison c, PersonProfile record, MatchModel model)
    {
        double total = 0;
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var level = c.Levels[f];
            if (level < 0) continue;
            total += f == (int)MatchField.FullName && level == 0
                ? model.NameAgreeWeight(c.NameFrequency)
                : model.Weight(f, level);
        }
        return total;
    }

    private static Scored? Best(List<Scored> scored)
    {
        Scored? best = null;
        foreach (var s in scored)
            if (best is null || s.Weight > best.Value.Weight) best = s;
        return best;
    }

    /// <summary>
    /// Turns each candidate's odds into a posterior that competes with the others: at most one record is this person,
    /// so p_i = odds_i / (1 + Σ odds_j). Two equally good namesakes each get under one half, never both a certain match.
    /// </summary>
    private static void Normalise(List<Scored> scored)
    {
        if (scored.Count == 0) return;
        var top = scored[0].Weight;
        // Work relative to the best to stay finite: odds_j = 2^(w_j - top) * 2^top.
        double sum = 0;
        foreach (var s in scored) sum += Math.Pow(2, Math.Max(s.Weight - top, -200));
        var noneRelative = Math.Pow(2, Math.Clamp(-top, -1000, 1000));
        for (var i = 0; i < scored.Count; i++)
        {
            var relative = Math.Pow(2, Math.Max(scored[i].Weight - top, -200));
            scored[i] = scored[i] with { Probability = relative / (noneRelative + sum) };
        }
    }

    private static double Probability(double bits) => 1 / (1 + Math.Pow(2, -Math.Clamp(bits, -60, 60)));

    /// <summary>What the candidates decide, before any explanation is written.</summary>
    private enum Verdict { NoCandidate, Ambiguous, NotCorroborated, BelowThreshold, Match }

    /// <summary>The verdict, and where its candidates stand in the sorted list: the best two not pruned, the one linked.</summary>
    private readonly record struct Classification(Verdict Verdict, bool HasPruned, int First = -1, int Second = -1, int Chosen = -1);

    /// <summary>
    /// The decision rule over candidates sorted best first, with each posterior computed against the others (see
    /// <see cref="Normalise"/>). Pruned candidates count at their upper bound, or not at all.
    /// </summary>
    private Classification Classify(List<Scored> scored, MatchModel model, bool prunedAtCeiling)
    {
        if (scored.Count == 0) return new(Verdict.NoCandidate, false);
        var top = scored[0].Weight;
        double sum = 0;
        var hasPruned = false;
        foreach (var s in scored)
        {
            hasPruned |= s.Pruned;
            if (prunedAtCeiling || !s.Pruned) sum += Math.Pow(2, Math.Max(s.Weight - top, -200));
        }
        var denominator = Math.Pow(2, Math.Clamp(-top, -1000, 1000)) + sum;
        double Posterior(in Scored s) => Math.Pow(2, Math.Max(s.Weight - top, -200)) / denominator;

        // Ambiguity first: two close candidates that could each be this person are for a human, corroborated or not.
        int first = -1, second = -1;
        for (var i = 0; i < scored.Count && second < 0; i++)
        {
            if (scored[i].Pruned) continue;
            if (first < 0) first = i;
            else second = i;
        }
        if (second >= 0 && Posterior(scored[second]) >= _options.AmbiguityThreshold
            && scored[first].Weight - scored[second].Weight < _options.AmbiguityMarginBits)
            return new(Verdict.Ambiguous, hasPruned, first, second);
        // Only a corroborated candidate can be linked; the others stay in the explanation.
        for (var i = 0; i < scored.Count; i++)
        {
            if (scored[i].Pruned || Corroboration(scored[i].Comparison, model) is not null) continue;
            return new(Posterior(scored[i]) >= _options.MatchThreshold ? Verdict.Match : Verdict.BelowThreshold, hasPruned, first, second, i);
        }
        return new(Verdict.NotCorroborated, hasPruned, first, second);
    }

    /// <summary>Scores the pruned candidates in full (when their bounds leave the verdict open).</summary>
    private void ScorePruned(PersonProfile profile, List<Scored> scored, MatchModel model)
    {
        for (var i = 0; i < scored.Count; i++)
        {
            if (!scored[i].Pruned) continue;
            var record = scored[i].Record;
            ref var comparison = ref scored[i].Comparison;
            FieldComparer.CompareRest(profile, record.Profile, ref comparison);
            var weight = model.PriorWeight + Evidence(comparison, record.Profile, model);
            scored[i] = scored[i] with { Weight = weight, Probability = Probability(weight), Pruned = false };
        }
    }

    private Reconciliation Decide(SurveyForm form, PersonProfile profile, List<Scored> scored, MatchModel model,
        IReadOnlyList<string> normalizations, Classification outcome)
    {
        var verdict = outcome.Verdict;
        if (verdict == Verdict.NoCandidate)
            return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations,
                new MatchExplanation(model.PriorWeight, [], [], "no registry record shares a blocking key with this form"));

        var candidates = new CandidateScore[Math.Min(scored.Count, _options.ExplainCandidates)];
        for (var i = 0; i < candidates.Length; i++)
        {
            var s = scored[i];
            candidates[i] = new CandidateScore(s.Record.Record.RecordId, Round(s.Probability), Math.Round(s.Weight, 2), KindNames(s.Kinds), s.Pruned);
        }
        var threshold = _options.MatchThreshold;
        switch (verdict)
        {
            case Verdict.Ambiguous:
            {
                var (first, second) = (scored[outcome.First], scored[outcome.Second]);
                return new Reconciliation(form.FormId, MatchStatus.Ambiguous, first.Record.Record.RecordId, Round(first.Probability), [], normalizations,
                    new MatchExplanation(model.PriorWeight, Explain(first, model), candidates,
                        $"{second.Record.Record.RecordId} scores {Format(second.Probability)}, only {first.Weight - second.Weight:0.0} bits behind the best (needs {_options.AmbiguityMarginBits:0.0}): the data cannot tell them apart"));
            }
            case Verdict.NotCorroborated:
            {
                // Every candidate pruned means none could reach the ambiguity threshold even at its upper bound.
                var top = outcome.First >= 0 ? scored[outcome.First] : default;
                var why = top.Record is null
                    ? $"no candidate can be linked: even the best ({scored[0].Record.Record.RecordId}) could score at most {Format(Probability(scored[0].Weight))}"
                    : $"no candidate can be linked: the best ({top.Record.Record.RecordId}) {Corroboration(top.Comparison, model)}";
                return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations,
                    new MatchExplanation(model.PriorWeight, Explain(top.Record is null ? scored[0] : top, model), candidates, why));
            }
        }
        var best = scored[outcome.Chosen];
        var evidence = Explain(best, model);
        if (verdict == Verdict.BelowThreshold)
        {
            return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, Round(best.Probability), [], normalizations,
                new MatchExplanation(model.PriorWeight, evidence, candidates,
                    $"best candidate {Format(best.Probability)} is below the match threshold {Format(threshold)}"));
        }
        var discrepancies = Discrepancies.Find(form, profile, best.Record, best.Comparison);
        var status = discrepancies.Count == 0 ? MatchStatus.Clean : MatchStatus.Review;
        var decision = status == MatchStatus.Clean
            ? $"matched at {Format(best.Probability)} ≥ {Format(threshold)}; every difference is cosmetic"
            : $"matched at {Format(best.Probability)} ≥ {Format(threshold)}; {discrepancies.Count} field(s) differ in substance";
        return new Reconciliation(form.FormId, status, best.Record.Record.RecordId, Round(best.Probability), discrepancies, normalizations,
            new MatchExplanation(model.PriorWeight, evidence, candidates, decision));
    }

    /// <summary>
    /// The rule a verification officer applies on top of the score: a link needs the name and at least one independent
    /// identifier (date, ID number, a parent, or the address) to give strong evidence (at least
    /// <see cref="MatchingOptions.CorroborationBits"/> under the trained model) — or, when the name itself differs
    /// (garbled, say), both the ID number and the date. Null when the pair passes, else why not. Fellegi–Sunter treats fields as
    /// independent; namesakes from one commune are where that assumption fails, and this rule catches them.
    /// </summary>
    private string? Corroboration(in PairComparison c, MatchModel model)
    {
        var levels = c.Levels;
        var name = levels[(int)MatchField.FullName] is >= 0 and <= 5;
        bool Strong(MatchField field) => levels[(int)field] is var l and >= 0 && model.Weight((int)field, l) >= _options.CorroborationBits;
        var date = Strong(MatchField.DateOfBirth);
        var id = Strong(MatchField.PersonalId);
        var other = date || id || Strong(MatchField.FatherName) || Strong(MatchField.MotherName) || Strong(MatchField.Address);
        if (name && other) return null;
        if (!name && id && date) return null;
        // A different name with the same date and address is a garbled record (no ID to hand) — unless a parent agrees
        // or the ID contradicts it: that is the signature of a twin or sibling, never to be linked.
        var parentAgrees = levels[(int)MatchField.FatherName] == 0 || levels[(int)MatchField.MotherName] == 0;
        var idContradicts = levels[(int)MatchField.PersonalId] is 4 or 5;
        if (!name && date && Strong(MatchField.Address) && !parentAgrees && !idContradicts) return null;
        return name
            ? "agrees on the name only: no date, ID number, parent or address corroborates it"
            : "differs in name and lacks an agreeing ID number and date";
    }

    private IReadOnlyList<FieldEvidence> Explain(Scored s, MatchModel model)
    {
        var list = new List<FieldEvidence>(FieldCatalog.Count);
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var spec = FieldCatalog.Fields[f];
            var level = s.Comparison.Levels[f];
            if (level < 0)
            {
                list.Add(f == (int)MatchField.Address && s.Comparison.AddressSkipped
                    ? new FieldEvidence(spec.Name, "not_compared", 0, "not compared: no address could change this decision")
                    : new FieldEvidence(spec.Name, "missing", 0, "absent on one side: no evidence either way"));
                continue;
            }
            double weight;
            string detail;
            if (f == (int)MatchField.FullName && level == 0)
            {
                var tf = s.Comparison.NameFrequency;
                weight = model.NameAgreeWeight(tf);
                detail = $"{s.Comparison.Name.Detail}; name frequency {tf.ToString("0.######", CultureInfo.InvariantCulture)} in the registry";
            }
            else
            {
                weight = model.Weight(f, level);
                detail = Detail((MatchField)f, s.Comparison);
            }
            list.Add(new FieldEvidence(spec.Name, spec.Levels[level], Math.Round(weight, 2), detail));
        }
        return list;
    }

    private static readonly string[] DateDetails =
        Enum.GetValues<Dates.DateAgreement>().Select(d => $"date comparison: {d}").ToArray();

    private static string Detail(MatchField field, in PairComparison c) => field switch
    {
        MatchField.FullName => c.Name.Detail,
        MatchField.DateOfBirth => c.Date is { } d ? DateDetails[(int)d] : "",
        MatchField.PersonalId => c.Id is { } id ? $"digits: {id}" : c.IdConsistent == true
            ? "registry has no comparable number; the form's number encodes the record's gender and birth year"
            : "registry has no comparable number; the form's number contradicts the record's gender or birth year",
        MatchField.FatherName => c.Father?.Detail ?? "",
        MatchField.MotherName => c.Mother?.Detail ?? "",
        MatchField.Address => $"token-set similarity {c.AddressScore}/100",
        _ => "",
    };

    private static readonly (BlockingKeyKind Kind, string Name)[] KeyKinds =
        Enum.GetValues<BlockingKeyKind>().Select(k => (k, k.ToString())).ToArray();

    // Candidates are found by a few combinations of key kinds: each combination's names are listed once and shared.
    private static readonly string[]?[] KindNameLists = new string[]?[2 << (int)Enum.GetValues<BlockingKeyKind>().Max()];

    private static string[] KindNames(uint kinds)
    {
        if (kinds < (uint)KindNameLists.Length && Volatile.Read(ref KindNameLists[kinds]) is { } cached) return cached;
        var names = new List<string>(4);
        foreach (var (kind, name) in KeyKinds)
            if ((kinds & 1u << (int)kind) != 0) names.Add(name);
        var list = names.ToArray();
        if (kinds < (uint)KindNameLists.Length) Volatile.Write(ref KindNameLists[kinds], list);
        return list;
    }

    private static double Round(double p) => Math.Round(p, 3);
    private static string Format(double p) => p.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class Scratch
    {
        public List<BlockingKey> Keys { get; } = new(24);
        public CandidateSet Candidates { get; } = new();
        public List<Scored> Scored { get; } = new(64);
        public List<Scored> Core { get; } = new(64);
        private readonly List<ComparisonBox> _boxes = [];
        private int _boxesUsed;

        /// <summary>A cleared comparison for this form; all are returned at once by <see cref="Reset"/>.</summary>
        public ComparisonBox RentComparison()
        {
            if (_boxesUsed == _boxes.Count) _boxes.Add(new ComparisonBox());
            var box = _boxes[_boxesUsed++];
            box.Value = default;
            return box;
        }

        public void Reset()
        {
            Scored.Clear();
            Core.Clear();
            Candidates.Clear();
            _boxesUsed = 0;
        }
    }

    /// <summary>A candidate's score. Its comparison lives in a pooled box: sorting candidates then moves a few words each.</summary>
    private readonly record struct Scored(IndexedRecord Record, ComparisonBox Box, double Weight, double Probability, uint Kinds, bool Pruned = false)
    {
        public ref PairComparison Comparison => ref Box.Value;
    }

    private sealed class ComparisonBox
    {
        public PairComparison Value;
    }
}

/// <summary>One model parameter, for reports: log2(m/u) is the weight the level adds.</summary>
public sealed record ModelParameter(string Field, string Level, double M, double U, double Weight);
