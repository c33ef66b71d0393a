using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CccdRecon.Core.Matching;

/// <summary>
/// Sorts candidates in <see cref="Scored.BestFirst"/> order: a total order (weight, then record id), so any correct sort
/// gives the one same list. An absent person's form sorts about 175 candidates; a list sort through the comparison
/// delegate moved 48-byte structs and called the delegate about 1,300 times a form. This sorts 16-byte keys (weight,
/// place in id order, position) by merging, with the comparison inlined, and then moves each candidate once.
/// </summary>
internal sealed class BestFirstSort
{
    /// <summary>Runs this long are sorted by insertion before the merges.</summary>
    private const int InsertionRun = 8;

    private Key[] _keys = new Key[64], _merged = new Key[64];
    private Scored[] _copy = new Scored[64];

    private readonly record struct Key(double Weight, int IdOrder, int Position);

    /// <summary>Sorts <paramref name="list"/> best first, exactly as <c>list.Sort(Scored.BestFirst)</c> would.</summary>
    public void Sort(List<Scored> list) => Sort(CollectionsMarshal.AsSpan(list));

    /// <summary>Sorts <paramref name="items"/> best first, as <see cref="Sort(List{Scored})"/> does a list.</summary>
    public void Sort(Span<Scored> items)
    {
        var n = items.Length;
        if (n < 2) return;
        if (_keys.Length < n)
        {
            var size = Math.Max(n, _keys.Length * 2);
            (_keys, _merged, _copy) = (new Key[size], new Key[size], new Scored[size]);
        }
        if (SortByOrderKeys(items)) return;
        Span<Key> keys = _keys.AsSpan(0, n), merged = _merged.AsSpan(0, n);
        for (var i = 0; i < n; i++) keys[i] = new Key(items[i].Weight, items[i].IdOrder, i);
        for (var start = 0; start < n; start += InsertionRun) InsertionSort(keys.Slice(start, Math.Min(InsertionRun, n - start)), items);
        for (var width = InsertionRun; width < n; width *= 2)
        {
            for (var lo = 0; lo < n; lo += 2 * width)
            {
                int mid = Math.Min(lo + width, n), hi = Math.Min(lo + 2 * width, n);
                Merge(keys[lo..mid], keys[mid..hi], merged[lo..hi], items);
            }
            var swap = keys;
            keys = merged;
            merged = swap;
        }
        var copy = _copy.AsSpan(0, n);
        items.CopyTo(copy);
        for (var i = 0; i < n; i++) items[i] = copy[keys[i].Position];
        // The copies hold records and boxes: let them go with the form.
        copy.Clear();
    }

    private OrderKey[] _orderKeys = new OrderKey[64];

    /// <summary>
    /// The usual case, every candidate's place in id order known (<see cref="Scored.IdOrder"/>) and no weight NaN: the
    /// whole order in one 128-bit key per candidate (the weight's bits turned so that integer order is best first, then
    /// the place in id order, then the position), sorted as integers. The keys are distinct (a record is a candidate
    /// once), so the order is the one total order whatever the sort. False, nothing done, otherwise.
    /// </summary>
    private bool SortByOrderKeys(Span<Scored> items)
    {
        var n = items.Length;
        if (_orderKeys.Length < n) _orderKeys = new OrderKey[Math.Max(n, _orderKeys.Length * 2)];
        var keys = _orderKeys.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            ref readonly var item = ref items[i];
            if (item.IdOrder < 0 || double.IsNaN(item.Weight)) return false;
            keys[i] = new OrderKey(BestFirstBits(item.Weight), (ulong)(uint)item.IdOrder << 32 | (uint)i);
        }
        keys.Sort();
        var copy = _copy.AsSpan(0, n);
        items.CopyTo(copy);
        for (var i = 0; i < n; i++) items[i] = copy[(int)(uint)keys[i].Tie];
        copy.Clear();
        return true;
    }

    /// <summary>
    /// The weight's bits as an integer that is smaller for a greater weight (0 and -0 alike, as <see cref="double.CompareTo(double)"/> has them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong BestFirstBits(double weight)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(weight + 0.0);
        var ascending = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
        return ~ascending;
    }

    private const ulong SignBit = 1UL << 63;

    private readonly struct OrderKey(ulong weight, ulong tie) : IComparable<OrderKey>
    {
        public readonly ulong Weight = weight;
        /// <summary>Place in id order (high half), position in the list (low half).</summary>
        public readonly ulong Tie = tie;

        public int CompareTo(OrderKey other) => Weight != other.Weight ? (Weight < other.Weight ? -1 : 1) : Tie.CompareTo(other.Tie);
    }

    private static void InsertionSort(Span<Key> keys, ReadOnlySpan<Scored> items)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var j = i - 1;
            for (; j >= 0 && Compare(keys[j], key, items) > 0; j--) keys[j + 1] = keys[j];
            keys[j + 1] = key;
        }
    }

    private static void Merge(ReadOnlySpan<Key> left, ReadOnlySpan<Key> right, Span<Key> into, ReadOnlySpan<Scored> items)
    {
        int l = 0, r = 0, o = 0;
        while (l < left.Length && r < right.Length) into[o++] = Compare(left[l], right[r], items) <= 0 ? left[l++] : right[r++];
        while (l < left.Length) into[o++] = left[l++];
        while (r < right.Length) into[o++] = right[r++];
    }

    /// <summary><see cref="Scored.BestFirst"/> on the keys: the record ids are read only for equal weights of unknown id order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(in Key a, in Key b, ReadOnlySpan<Scored> items)
    {
        var order = b.Weight.CompareTo(a.Weight);
        if (order != 0) return order;
        return a.IdOrder >= 0 && b.IdOrder >= 0
            ? a.IdOrder.CompareTo(b.IdOrder)
            : string.CompareOrdinal(items[a.Position].Record.Record.RecordId, items[b.Position].Record.Record.RecordId);
    }
}
