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
/// <para>
/// A candidate set aside is kept as its slot, bound and keys (<see cref="SetAsideCandidate"/>), not as a
/// <see cref="Scored"/>: its record (a read from anywhere in a list of a million references) and its comparison (a
/// pooled box) are looked up only for the few that join the list, through <see cref="ISetAsideRestore"/>, which
/// compares their identifiers again (the same comparison, to the bit: it reads the same sketch and the form's kept date
/// comparisons).
/// </para>
/// </summary>
internal sealed class SetAsideCandidates
{
    private SetAsideCandidate[] _items = new SetAsideCandidate[256];
    private double[] _rest = new double[256];
    private int _count, _restCount, _kept;

    public int Count => _count;

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
    public void Add(in SetAsideCandidate candidate, int position)
    {
        // Positions only grow: among equal bounds the first keeps its place.
        if (candidate.Weight > MaxWeight) (MaxWeight, MaxWeightPosition) = (candidate.Weight, position);
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        _items[_count++] = candidate;
    }

    /// <summary>
    /// Adds the best <paramref name="count"/> set aside (<see cref="Scored.BestFirst"/>) to <paramref name="scored"/>,
    /// restored by <paramref name="restore"/>; the others' weights become <see cref="Rest"/>. Their weights are the
    /// <c>n − count</c> smallest: the best <paramref name="count"/> by weight then id hold the <paramref name="count"/>
    /// greatest weights.
    /// </summary>
    public void KeepBest<TRestore>(List<Scored> scored, int count, TRestore restore) where TRestore : ISetAsideRestore
    {
        var n = _count;
        if (n <= count)
        {
            KeepAll(scored, restore);
            return;
        }
        if (_rest.Length < n) _rest = new double[Math.Max(n, _rest.Length * 2)];
        var weights = _rest.AsSpan(0, n);
        var items = _items.AsSpan(0, n);
        SortWeights(items, weights);
        // Those at least as good as the count-th greatest weight come first (equal weights are ordered by id below).
        var bar = weights[n - count];
        var front = 0;
        for (var i = 0; i < n; i++)
            if (items[i].Weight >= bar) (items[front], items[i]) = (items[i], items[front++]);
        SortBestFirst(items[..front], restore);
        for (var i = 0; i < count; i++) scored.Add(restore.Restore(items[i]));
        _kept = count;
        _restCount = n - count;
    }

    /// <summary>Adds every candidate set aside and not yet added to <paramref name="scored"/>; <see cref="Rest"/> is then empty.</summary>
    public void KeepAll<TRestore>(List<Scored> scored, TRestore restore) where TRestore : ISetAsideRestore
    {
        for (var i = _kept; i < _count; i++) scored.Add(restore.Restore(_items[i]));
        _kept = _count;
        _restCount = 0;
    }

    public void Clear()
    {
        _count = _restCount = _kept = 0;
        MaxWeight = double.NegativeInfinity;
        MaxWeightPosition = int.MaxValue;
    }

    // SortWeights' table: weights seen this call (by their bits) and how often, open addressing; a cell is in use when its
    // stamp is this call's.
    private int[] _cellStamp = new int[512], _cellDistinct = new int[512];
    private double[] _distinct = new double[256];
    private int[] _repeats = new int[256];
    private int _stamp;

    /// <summary>
    /// The candidates' weights into <paramref name="weights"/>, ascending, as sorting them all would give (equal weights
    /// are one value, whichever comes first). Bounds tie by the dozen — an absent person's 170 take a few dozen values —
    /// so the distinct values are counted, sorted, and written out as often as each came.
    /// </summary>
    private void SortWeights(ReadOnlySpan<SetAsideCandidate> items, Span<double> weights)
    {
        var n = items.Length;
        if (_cellStamp.Length < 2 * n)
        {
            var cells = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * n));
            (_cellStamp, _cellDistinct, _distinct, _repeats) = (new int[cells], new int[cells], new double[cells], new int[cells]);
        }
        if (++_stamp == 0)
        {
            Array.Clear(_cellStamp);
            _stamp = 1;
        }
        var mask = _cellStamp.Length - 1;
        var distinct = 0;
        foreach (var item in items)
        {
            var bits = BitConverter.DoubleToInt64Bits(item.Weight);
            for (var cell = (int)((ulong)bits * 0x9E3779B97F4A7C15UL >> 40) & mask; ; cell = (cell + 1) & mask)
            {
                if (_cellStamp[cell] != _stamp)
                {
                    (_cellStamp[cell], _cellDistinct[cell]) = (_stamp, distinct);
                    (_distinct[distinct], _repeats[distinct]) = (item.Weight, 1);
                    distinct++;
                    break;
                }
                if (BitConverter.DoubleToInt64Bits(_distinct[_cellDistinct[cell]]) == bits)
                {
                    _repeats[_cellDistinct[cell]]++;
                    break;
                }
            }
        }
        _distinct.AsSpan(0, distinct).Sort(_repeats.AsSpan(0, distinct));
        var at = 0;
        for (var d = 0; d < distinct; d++)
            for (var r = 0; r < _repeats[d]; r++) weights[at++] = _distinct[d];
    }

    /// <summary>
    /// Sorts <paramref name="items"/> by <see cref="BestFirstOrder{TRestore}"/>: by insertion (a few, or a few dozen
    /// tied, join the front), without the boxed comparer and delegate a span sort would allocate.
    /// </summary>
    private static void SortBestFirst<TRestore>(Span<SetAsideCandidate> items, TRestore restore) where TRestore : ISetAsideRestore
    {
        var order = new BestFirstOrder<TRestore>(restore);
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            for (; j >= 0 && order.Compare(items[j], item) > 0; j--) items[j + 1] = items[j];
            items[j + 1] = item;
        }
    }

    /// <summary>
    /// <see cref="Scored.BestFirst"/> on candidates set aside: by weight, then by place in id order where both know it,
    /// else by record id (the record read only then). A total order, so any sort gives the same list.
    /// </summary>
    private readonly struct BestFirstOrder<TRestore>(TRestore restore) : IComparer<SetAsideCandidate> where TRestore : ISetAsideRestore
    {
        public int Compare(SetAsideCandidate a, SetAsideCandidate b)
        {
            var order = b.Weight.CompareTo(a.Weight);
            if (order != 0) return order;
            return a.IdOrder >= 0 && b.IdOrder >= 0
                ? a.IdOrder.CompareTo(b.IdOrder)
                : string.CompareOrdinal(restore.RecordAt(a.Slot).Record.RecordId, restore.RecordAt(b.Slot).Record.RecordId);
        }
    }
}

/// <summary>
/// A candidate set aside before its name was compared: the record's slot in the index, the blocking-key kinds that found
/// it, its bound (<see cref="Weight"/>) and its place in id order (<see cref="Scored.IdOrder"/>).
/// </summary>
internal readonly record struct SetAsideCandidate(int Slot, uint Kinds, double Weight, int IdOrder);

/// <summary>Gives back what a <see cref="SetAsideCandidate"/> leaves out, for the few that join the scored list.</summary>
internal interface ISetAsideRestore
{
    /// <summary>The record at <paramref name="slot"/> (for ordering by record id).</summary>
    IndexedRecord RecordAt(int slot);

    /// <summary>The candidate as the scored list holds one set aside: pruned at its bound, its identifiers compared, its name skipped.</summary>
    Scored Restore(in SetAsideCandidate candidate);
}
