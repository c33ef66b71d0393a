namespace CccdRecon.Core.Matching;

/// <summary>A candidate's score. Its comparison lives in a pooled box: sorting candidates then moves a few words each.</summary>
/// <param name="Weight">prior + evidence in bits; for a pruned candidate, an upper bound</param>
/// <param name="Probability">the candidate alone against "none of these" (<see cref="Posterior.Of"/> makes it compete with the others)</param>
/// <param name="Pruned">true when it was kept at an upper bound instead of being compared in full</param>
/// <param name="IdOrder">
/// where the record's id stands among the registry's ids in ordinal order, when the index knows it without reading the id
/// (<see cref="RegistryIndex.IdOrderOf"/>); -1 otherwise
/// </param>
internal readonly record struct Scored(IndexedRecord Record, ComparisonBox Box, double Weight, double Probability, uint Kinds, bool Pruned = false, int IdOrder = -1)
{
    public ref PairComparison Comparison => ref Box.Value;

    /// <summary>
    /// Best first; equal weights by record id (ordinal), so that which of two equally scored records an ambiguous form
    /// names does not depend on the sort's algorithm or on which other candidates were set aside. Candidates held at
    /// their bounds tie by the dozen: two whose <see cref="IdOrder"/> is known are ordered by it (the same order as their
    /// ids), without reading two records and their ids from all over the heap.
    /// </summary>
    public static readonly Comparison<Scored> BestFirst = static (a, b) =>
    {
        var order = b.Weight.CompareTo(a.Weight);
        if (order != 0) return order;
        return a.IdOrder >= 0 && b.IdOrder >= 0 ? a.IdOrder.CompareTo(b.IdOrder) : string.CompareOrdinal(a.Record.Record.RecordId, b.Record.Record.RecordId);
    };
}

internal sealed class ComparisonBox
{
    public PairComparison Value;
}

/// <summary>
/// Scores candidates by branch and bound: the cheap decisive fields (name, date, gender, ID, birth place) for every
/// candidate; then, best first, a candidate that could not come within the ambiguity margin of the best even if its
/// parents and address all agreed is kept at that upper bound without the costly comparisons. The address, the
/// costliest, is skipped where no address could change the outcome.
/// </summary>
internal sealed class CandidateScorer(RegistryIndex index, MatchingOptions options, MatchModel model)
{
    /// <summary>Branch and bound on (the default); off, every candidate is compared in full.</summary>
    public bool Prune { get; init; } = true;

    /// <summary>
    /// Scores candidates from <paramref name="from"/> on and adds them to the scratch's scored list, or, those set aside
    /// before the name is compared, to its <see cref="MatchScratch.SetAside"/>. Each weight is
    /// <paramref name="priorWeight"/> (see <see cref="MatchModel.PriorWeight"/>) plus the evidence.
    /// </summary>
    public void ScoreNew(PersonProfile profile, MatchScratch scratch, int from, double priorWeight)
    {
        var core = scratch.Core;
        core.Clear();
        // The candidates' sketches were set loading as the search first found each (RegistryIndex.Probe): most are in
        // cache by now, and those still on their way overlap with the comparisons of the ones before them.
        var names = scratch.Names.For(profile, index);
        var best = double.NegativeInfinity;
        foreach (var s in scratch.Scored)
            if (!s.Pruned) best = Math.Max(best, s.Weight);
        // The scratch's buffer, not a stackalloc: a method with a loop and a stackalloc is compiled once, fully optimized but
        // without the tiered compiler's profile of its branches (no on-stack replacement for it).
        Span<char> id9 = scratch.Id9;
        var survivors = scratch.Survivors;
        survivors.Clear();
        // The bound reads only the levels: one comparison, reused, holds them (its other fields may be a candidate's
        // before; nothing reads them). A candidate compared by name gets a box of its own, its identifiers compared again.
        ref var bounding = ref scratch.Bounding;
        for (var i = from; i < scratch.Candidates.Count; i++)
        {
            var (slot, kinds) = scratch.Candidates[i];
            scratch.Counts.Candidates++;
            ref readonly var sketch = ref index.SketchAt(slot);
            bounding.Levels = LevelVector.Missing;
            CompareIdentifiers(profile, names, slot, sketch, ref bounding, scratch.Dates, id9);
            if (Prune)
            {
                // Most of an absent person's candidates are strangers: their date, ID number or birth place already
                // rules them out whatever their name says, so the name is not compared (CandidateScoreBound).
                var bound = priorWeight + model.IdentifierEvidence(bounding.Levels) + _bound.NameCeiling(profile, names, sketch)
                    + RestCeiling(profile, names.Sketch, sketch, slot, bounding);
                if (CannotMatter(bound, best))
                {
                    scratch.Counts.SetAsideUnnamed++;
                    // Kept apart from the scored list (SetAsideCandidates), its record unread; never a NaN bound
                    // (CannotMatter is false for one).
                    scratch.SetAside.Add(new SetAsideCandidate(slot, kinds, bound, index.IdOrderOf(slot)), scratch.Scored.Count);
                    continue;
                }
            }
            var box = scratch.RentComparison();
            box.Value.Levels = LevelVector.Missing;
            CompareIdentifiers(profile, names, slot, sketch, ref box.Value, scratch.Dates, id9);
            survivors.Add((i, box));
        }
        // The candidates left are compared by name: their records' names and parents lie behind three pointers each.
        TouchNames(scratch);
        foreach (var (i, box) in survivors)
        {
            var (slot, kinds) = scratch.Candidates[i];
            var record = index.At(slot);
            ref var comparison = ref box.Value;
            scratch.Counts.NamesCompared++;
            FieldComparer.CompareName(profile, record.Profile, ref comparison);
            FieldComparer.CompareParentsQuickly(profile, record.Profile, ref comparison);
            if (comparison.Levels.Name < NameLevel.Similar) comparison.NameFrequency = names.FrequencyOf(record.Profile.Name.FoldedKey, index);
            core.Add(new Scored(record, box, priorWeight + model.Evidence(comparison.Levels, comparison.NameFrequency), 0, kinds, IdOrder: index.IdOrderOf(slot)));
        }
        scratch.Order.Sort(core);

        var bar = options.AmbiguityMarginBits + 1;
        var certain = Posterior.Logit(options.MatchThreshold) + options.AmbiguityMarginBits + CertaintyMarginBits;
        var addressMin = Math.Min(model.MinWeight((int)MatchField.Address), model.MinWeight((int)MatchField.AddressText));
        var addressMax = _bound.AddressAny;
        foreach (var candidate in core)
        {
            var record = candidate.Record;
            ref var comparison = ref candidate.Comparison;
            var ceiling = candidate.Weight + RestCeiling(profile, record.Profile, comparison);
            if (Prune && CannotMatter(ceiling, best))
            {
                // Kept as considered, at its upper bound, so the explanation still lists it.
                scratch.Scored.Add(AtCeiling(candidate, ceiling));
                continue;
            }
            FieldComparer.CompareParents(profile, record.Profile, ref comparison);
            var weight = priorWeight + model.Evidence(comparison.Levels, comparison.NameFrequency);
            var hasAddress = FieldComparer.HasRest(profile, record.Profile, MatchField.Address);
            if (Prune && weight + (hasAddress ? addressMax : 0) < _floor)
            {
                scratch.Scored.Add(AtCeiling(candidate, weight + (hasAddress ? addressMax : 0)));
                continue;
            }
            var decided = Prune && (weight + addressMin >= Math.Max(certain, best + bar) || weight + addressMax < best - bar);
            if (hasAddress && !decided)
            {
                FieldComparer.CompareAddress(profile, record.Profile, ref comparison);
                weight = priorWeight + model.Evidence(comparison.Levels, comparison.NameFrequency);
            }
            else if (hasAddress) comparison.AddressSkipped = true;
            best = Math.Max(best, weight);
            scratch.Scored.Add(candidate with { Weight = weight, Probability = Posterior.Alone(weight) });
        }
    }

    private readonly CandidateScoreBound _bound = new(index, model);

    private RegistryIndex Registry => index;

    /// <summary>Below this even a lone candidate's probability stays under the ambiguity threshold: it can neither be linked nor make the result ambiguous.</summary>
    private readonly double _floor = Posterior.Logit(options.AmbiguityThreshold);

    /// <summary>
    /// A candidate whose upper bound <paramref name="ceiling"/> cannot reach the ambiguity threshold even alone
    /// (<see cref="CandidateScoreBound.CannotReachThreshold"/>), or cannot come within the ambiguity margin (and a bit)
    /// of the best candidate already scored in full, cannot change the form's outcome.
    /// </summary>
    private bool CannotMatter(double ceiling, double best) =>
        CandidateScoreBound.CannotReachThreshold(ceiling, _floor) || ceiling < best - (options.AmbiguityMarginBits + 1);

    /// <summary>
    /// Reads the names and parents of the candidates about to be compared by name, a level of pointers at a time for all
    /// of them (record, profile, name), so that their loads overlap instead of following one chain after another. Reads
    /// only; changes nothing.
    /// </summary>
    private void TouchNames(MatchScratch scratch)
    {
        var survivors = scratch.Survivors;
        var sum = 0;
        foreach (var (i, _) in survivors) sum += index.At(scratch.Candidates[i].Slot).Profile is null ? 1 : 0;
        foreach (var (i, _) in survivors)
        {
            var profile = index.At(scratch.Candidates[i].Slot).Profile;
            sum += (profile.Name is null ? 1 : 0) + (profile.FatherFolded is null ? 1 : 0) + (profile.MotherFolded is null ? 1 : 0);
        }
        foreach (var (i, _) in survivors)
        {
            var profile = index.At(scratch.Candidates[i].Slot).Profile;
            sum += profile.Name.FoldedKey.Length + (profile.FatherFolded?.Length ?? 0) + (profile.MotherFolded?.Length ?? 0);
        }
        scratch.Touched += sum;
    }

    /// <summary>
    /// The date, gender, ID number and birth place of the record at <paramref name="slot"/> against the form: from its
    /// sketch when complete (the record unread), else from its profile.
    /// </summary>
    private void CompareIdentifiers(PersonProfile profile, FormNames names, int slot, in RecordSketch sketch, ref PairComparison comparison, DateComparisons dates, Span<char> id9)
    {
        // The sketch holds what this reads (RecordSketch): the profile, all over the heap, is read for the few compared.
        if (sketch.Complete) FieldComparer.CompareIdentifiers(profile, names.Sketch, sketch, ref comparison, dates, id9);
        else FieldComparer.CompareIdentifiers(profile, index.At(slot).Profile, ref comparison);
    }

    /// <summary>
    /// Restores candidates set aside (<see cref="SetAsideCandidates"/>) for <paramref name="profile"/>'s form: the record
    /// read, the identifiers compared again into a box of the scratch, as <see cref="ScoreNew"/> compared them.
    /// </summary>
    public SetAsideRestore RestoreFor(PersonProfile profile, MatchScratch scratch) => new(this, profile, scratch);

    internal readonly struct SetAsideRestore(CandidateScorer scorer, PersonProfile profile, MatchScratch scratch) : ISetAsideRestore
    {
        public IndexedRecord RecordAt(int slot) => scorer.Registry.At(slot);

        public Scored Restore(in SetAsideCandidate candidate)
        {
            var box = scratch.RentComparison();
            box.Value.Levels = LevelVector.Missing;
            scorer.CompareIdentifiers(profile, scratch.Names.For(profile, scorer.Registry), candidate.Slot, scorer.Registry.SketchAt(candidate.Slot), ref box.Value, scratch.Dates, scratch.Id9);
            box.Value.NameSkipped = true;
            return new Scored(scorer.Registry.At(candidate.Slot), box, candidate.Weight, 0, candidate.Kinds, Pruned: true, IdOrder: candidate.IdOrder);
        }
    }

    /// <summary>Scores the pruned candidates in full (when their bounds leave the verdict open).</summary>
    public void ScorePruned(PersonProfile profile, MatchScratch scratch, double priorWeight)
    {
        var scored = scratch.Scored;
        var names = scratch.Names.For(profile, index);
        for (var i = 0; i < scored.Count; i++)
        {
            if (!scored[i].Pruned) continue;
            scratch.Counts.ScoredAfterAll++;
            var record = scored[i].Record;
            ref var comparison = ref scored[i].Comparison;
            if (comparison.NameSkipped)
            {
                FieldComparer.CompareName(profile, record.Profile, ref comparison);
                if (comparison.Levels.Name < NameLevel.Similar) comparison.NameFrequency = names.FrequencyOf(record.Profile.Name.FoldedKey, index);
                comparison.NameSkipped = false;
            }
            FieldComparer.CompareRest(profile, record.Profile, ref comparison);
            var weight = priorWeight + model.Evidence(comparison.Levels, comparison.NameFrequency);
            scored[i] = scored[i] with { Weight = weight, Probability = Posterior.Alone(weight), Pruned = false };
        }
    }

    /// <summary>A candidate whose comparison is certain beyond the threshold by this much more needs no address.</summary>
    private const double CertaintyMarginBits = 10;

    private static Scored AtCeiling(Scored candidate, double ceiling) =>
        candidate with { Weight = ceiling, Probability = Posterior.Alone(ceiling), Pruned = true };

    /// <summary>
    /// The most the parents not yet compared and the address could still add. A parent whose folded name differs
    /// cannot reach the agree level, which keeps this bound tight for the many namesakes a broad key brings in.
    /// </summary>
    private double RestCeiling(PersonProfile form, PersonProfile record, in PairComparison c)
    {
        double ceiling = 0;
        if (c.Father is null && form.Father?.FoldedKey is { } father && record.FatherFolded is { } recordFather)
            ceiling += ParentCeiling(father == recordFather, (int)MatchField.FatherName);
        if (c.Mother is null && form.Mother?.FoldedKey is { } mother && record.MotherFolded is { } recordMother)
            ceiling += ParentCeiling(mother == recordMother, (int)MatchField.MotherName);
        if (FieldComparer.HasRest(form, record, MatchField.Address)) ceiling += _bound.AddressAny;
        return ceiling;
    }

    /// <summary>
    /// The same from the sketches: the record (its object, then its profile, each a read from anywhere in the heap) is
    /// read only where a parent's hashes are equal. Passing its profile in instead cost an absent person's form a wait on
    /// memory for every candidate: a quarter of its time. The address is bounded by its sketch
    /// (<see cref="CandidateScoreBound.AddressCeiling"/>: another province, another house number), tighter than the
    /// address's best level: most of an absent person's candidates live elsewhere, and their names need no comparing.
    /// </summary>
    private double RestCeiling(PersonProfile form, in FormSketch formSketch, in RecordSketch sketch, int slot, in PairComparison c)
    {
        double ceiling = 0;
        if (c.Father is null && formSketch.Father != 0 && sketch.HasFather)
            ceiling += ParentCeiling(formSketch.Father == sketch.Father && form.Father!.FoldedKey == index.At(slot).Profile.FatherFolded, (int)MatchField.FatherName);
        if (c.Mother is null && formSketch.Mother != 0 && sketch.HasMother)
            ceiling += ParentCeiling(formSketch.Mother == sketch.Mother && form.Mother!.FoldedKey == index.At(slot).Profile.MotherFolded, (int)MatchField.MotherName);
        if (form.HasAddress && sketch.HasAddress) ceiling += _bound.AddressCeiling(formSketch.Address, sketch.Address);
        return ceiling;
    }

    private double ParentCeiling(bool sameFolded, int field) => Math.Max(0, sameFolded ? model.MaxWeight(field) : model.MaxWeightDisagreeing(field));
}

/// <summary>One thread's working memory for one form at a time (reused; never shared between threads).</summary>
internal sealed class MatchScratch
{
    public List<BlockingKey> Keys { get; } = new(24);
    public CandidateSet Candidates { get; } = new();
    public List<Scored> Scored { get; } = new(64);
    public List<Scored> Core { get; } = new(64);
    /// <summary>The candidates set aside before the name, kept apart from <see cref="Scored"/> (<see cref="SetAsideCandidates"/>).</summary>
    public SetAsideCandidates SetAside { get; } = new();
    /// <summary>The comparison a candidate's bound is worked out in (<see cref="CandidateScorer.ScoreNew"/>): only its levels are read.</summary>
    public PairComparison Bounding;
    /// <summary>The candidates a stage left to compare by name: their place among the candidates, and their comparison.</summary>
    public List<(int Candidate, ComparisonBox Box)> Survivors { get; } = new(64);
    /// <summary>The form's date comparisons, kept by the record's date (<see cref="DateComparisons"/>).</summary>
    public DateComparisons Dates { get; } = new();
    /// <summary>Where a record's 9-digit number is written out when the form has one to compare it with (<see cref="RecordSketch.IdentifiersFor"/>).</summary>
    public char[] Id9 { get; } = new char[9];
    /// <summary>The form's own names, worked out once a form (<see cref="FormNames"/>).</summary>
    public FormNames Names { get; } = new();
    /// <summary>Sorts <see cref="Scored"/> and <see cref="Core"/> best first.</summary>
    public BestFirstSort Order { get; } = new();
    /// <summary>What this thread's forms cost, counted (read by the benchmark through <see cref="Reconciler.TakeCounts"/>).</summary>
    public ScoringCounts Counts;
    /// <summary>What <see cref="CandidateScorer"/>'s read-ahead of names summed (kept so that its reads are not optimized away).</summary>
    public int Touched { get; set; }
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
        SetAside.Clear();
        Candidates.Clear();
        _boxesUsed = 0;
    }
}

/// <summary>Work counted over one thread's forms, for the benchmark: how many candidates met which part of the scoring.</summary>
internal struct ScoringCounts
{
    public long Forms;
    /// <summary>Candidates bounded (every candidate gathered).</summary>
    public long Candidates;
    /// <summary>Candidates set aside at the bound taken before the name is compared.</summary>
    public long SetAsideUnnamed;
    /// <summary>Candidates whose name was compared.</summary>
    public long NamesCompared;
    /// <summary>Pruned candidates scored in full after all, because the verdict leaned on their bounds.</summary>
    public long ScoredAfterAll;

    public readonly string PerForm()
    {
        var n = Math.Max(Forms, 1);
        return FormattableString.Invariant($"{Candidates / (double)n:0.0} candidates bounded a form, {SetAsideUnnamed / (double)n:0.0} set aside before the name, {NamesCompared / (double)n:0.0} names compared, {ScoredAfterAll / (double)n:0.00} scored in full after all");
    }
}
