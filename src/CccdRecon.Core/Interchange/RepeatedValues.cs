using System.Buffers.Binary;
using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// One copy of each short value that repeats down a file's column (a date, a province, an ethnicity): a registry held in
/// memory for a whole run then keeps a few thousand strings instead of a million copies of them. Bounded, so that a
/// column of unique values costs a fixed table at most. Not thread-safe: one per reader.
/// </summary>
/// <remarks>
/// Looked up by the cell's UTF-8 bytes, before any string is made: a value seen before costs one probe of an open
/// addressing table whose slots hold the first <see cref="InlineBytes"/> bytes themselves (a date, a gender, a
/// province: one cache line, no string compared, nothing allocated). A dictionary of strings cost each cell a decoded
/// string, its hash and three dependent loads (bucket, entry, key): 2 s of the 1.3 M-record read.
/// The reader's own pool (<c>PoolStrings</c>) gives up on a column whose first records nearly all differ, as dates do.
/// </remarks>
internal sealed class RepeatedValues
{
    /// <summary>Longer cells (in UTF-8 bytes) are rarely repeated (names, addresses) and are kept as read.</summary>
    public const int MaxBytes = 192;

    /// <summary>Distinct values kept at most; later new values are kept as read.</summary>
    public const int MaxValues = 1 << 17;

    /// <summary>Bytes held in the slot itself; a longer value keeps the rest in an array of its own.</summary>
    private const int InlineBytes = 32;

    private Slot[] _slots = new Slot[1 << 10];
    private int _count;

    private struct Slot
    {
        public ulong A, B, C, D;
        public int Length;
        public byte[]? Rest;
        public string? Value;
    }

    /// <summary>
    /// The cell at <paramref name="index"/> as <see cref="InterchangeTable.Cell"/> reads it (null when absent or blank),
    /// the same string instance each time the same bytes come again.
    /// </summary>
    public string? Keep(CsvReader reader, int index)
    {
        if (index < 0) return null;
        var cell = reader.GetSpan(index);
        if (cell.IsEmpty || cell.Length > MaxBytes) return InterchangeTable.Cell(reader, index);
        Span<byte> head = stackalloc byte[InlineBytes];
        head.Clear();
        cell[..Math.Min(cell.Length, InlineBytes)].CopyTo(head);
        ulong a = BinaryPrimitives.ReadUInt64LittleEndian(head), b = BinaryPrimitives.ReadUInt64LittleEndian(head[8..]),
            c = BinaryPrimitives.ReadUInt64LittleEndian(head[16..]), d = BinaryPrimitives.ReadUInt64LittleEndian(head[24..]);
        var rest = cell.Length > InlineBytes ? cell[InlineBytes..] : default;
        var mask = _slots.Length - 1;
        var i = (int)(Hash(a, b, c, d, cell.Length) >> 40) & mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Value is null) break;
            if (slot.A == a && slot.B == b && slot.C == c && slot.D == d && slot.Length == cell.Length
                && (slot.Rest is null || rest.SequenceEqual(slot.Rest)))
                return slot.Value;
            i = (i + 1) & mask;
        }

        // New bytes: read as any cell (null when blank, which is not kept: blank cells are rare and cheap to re-check).
        var value = InterchangeTable.Cell(reader, index);
        if (value is null || _count >= MaxValues) return value;
        _slots[i] = new Slot { A = a, B = b, C = c, D = d, Length = cell.Length, Rest = rest.IsEmpty ? null : rest.ToArray(), Value = value };
        if (++_count * 2 > _slots.Length) Grow();
        return value;
    }

    private static ulong Hash(ulong a, ulong b, ulong c, ulong d, int length)
    {
        var h = (ulong)length * 0x9E3779B97F4A7C15;
        h = (h ^ a) * 0xFF51AFD7ED558CCD;
        h = (h ^ b) * 0xC4CEB9FE1A85EC53;
        h = (h ^ c) * 0xFF51AFD7ED558CCD;
        h = (h ^ d) * 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 29);
    }

    /// <summary>Doubles the table (kept at most half full, so probes stay short).</summary>
    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Value is null) continue;
            var i = (int)(Hash(slot.A, slot.B, slot.C, slot.D, slot.Length) >> 40) & mask;
            while (_slots[i].Value is not null) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }
}
