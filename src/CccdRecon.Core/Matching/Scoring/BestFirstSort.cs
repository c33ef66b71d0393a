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
    public void Sort(List<Scored> list)
    {
        var n = list.Count;
        if (n < 2) return;
        if (_keys.Length < n)
        {
            var size = Math.Max(n, _keys.Length * 2);
            (_keys, _merged, _copy) = (new Key[size], new Key[size], new Scored[size]);
        }
        var items = CollectionsMarshal.AsSpan(list);
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
