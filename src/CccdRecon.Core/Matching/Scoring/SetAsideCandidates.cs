namespace CccdRecon.Core.Matching;

/// <summary>
/// The candidates a form's scoring set aside at their bound before the name was compared
/// (<see cref="CandidateScorer.ScoreNew"/>), kept apart from the scored list: an absent person's form sets aside about
/// 170 of its 175 candidates, 20–35 bits below the best, and sorting them all best first cost an eighth of its time.
/// What reads them needs less: the explanation lists the first <see cref="MatchingOptions.ExplainCandidates"/> of the
/// whole list, the verdict reads only candidates not set aside, and the posterior only the sum of every candidate's
/// odds in best-first order (<see cref="Posterior"/>).
/// <para>
/// So only the best few, by <see cref="Scored.BestFirst"/>, join the scored list (<see cref="KeepBest"/>); the others'
/// weights are kept as plain doubles sorted ascending (<see cref="Rest"/>), which <see cref="Posterior"/> merges into the
/// list's order. Exact, not close: that a candidate is among the best few of the whole list only if it is among the
/// best few set aside, so the list's head (what the explanation reads) is the one the full sort gave; and the posterior
/// adds the same odds in the same order of weights (equal weights give equal odds, to the bit, so their order among
/// themselves changes no sum). Reused per thread; cleared a form.
/// </para>
/// </summary>
internal sealed class SetAsideCandidates
{
    private readonly List<Scored> _items = new(256);
    private double[] _rest = new double[256];
    private int _restCount, _kept;

    public int Count => _items.Count;

    /// <summary>The greatest bound set aside so far (−∞ when none).</summary>
    public double MaxWeight { get; private set; } = double.NegativeInfinity;

    /// <summary>
    /// Where the first candidate set aside at <see cref="MaxWeight"/> would stand in the scored list had it been added to
    /// it: the list's length when it was set aside (for <see cref="Reconciler"/>'s stage check, which takes the first
    /// best of the list).
    /// </summary>
    public int MaxWeightPosition { get; private set; } = int.MaxValue;

    /// <summary>
    /// The weights of those not moved to the scored list by <see cref="KeepBest"/>, ascending (the best-first order of
    /// the list is read from the end); empty before it, and after <see cref="KeepAll"/>.
    /// </summary>
    public ReadOnlySpan<double> Rest => _rest.AsSpan(0, _restCount);

    /// <summary>Sets a candidate aside; <paramref name="position"/> is the scored list's length now.</summary>
    public void Add(in Scored candidate, int position)
    {
        // Positions only grow: among equal bounds the first keeps its place.
        if (candidate.Weight > MaxWeight) (MaxWeight, MaxWeightPosition) = (candidate.Weight, position);
        _items.Add(candidate);
    }

    /// <summary>
    /// Adds the best <paramref name="count"/> set aside (<see cref="Scored.BestFirst"/>) to <paramref name="scored"/>;
    /// the others' weights become <see cref="Rest"/>. Their weights are the <c>n − count</c> smallest: the best
    /// <paramref name="count"/> by weight then id hold the <paramref name="count"/> greatest weights.
    /// </summary>
    public void KeepBest(List<Scored> scored, int count, BestFirstSort order)
    {
        var n = _items.Count;
        if (n <= count)
        {
            KeepAll(scored);
            return;
        }
        if (_rest.Length < n) _rest = new double[Math.Max(n, _rest.Length * 2)];
        var weights = _rest.AsSpan(0, n);
        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_items);
        for (var i = 0; i < n; i++) weights[i] = items[i].Weight;
        weights.Sort();
        // Those at least as good as the count-th greatest weight come first (equal weights are ordered by id below).
        var bar = weights[n - count];
        var front = 0;
        for (var i = 0; i < n; i++)
            if (items[i].Weight >= bar) (items[front], items[i]) = (items[i], items[front++]);
        order.Sort(items[..front]);
        foreach (var s in items[..count]) scored.Add(s);
        _kept = count;
        _restCount = n - count;
    }

    /// <summary>Adds every candidate set aside and not yet added to <paramref name="scored"/>; <see cref="Rest"/> is then empty.</summary>
    public void KeepAll(List<Scored> scored)
    {
        for (var i = _kept; i < _items.Count; i++) scored.Add(_items[i]);
        _kept = _items.Count;
        _restCount = 0;
    }

    public void Clear()
    {
        _items.Clear();
        _restCount = _kept = 0;
        MaxWeight = double.NegativeInfinity;
        MaxWeightPosition = int.MaxValue;
    }
}
