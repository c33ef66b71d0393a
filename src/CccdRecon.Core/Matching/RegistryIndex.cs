using System.Runtime.InteropServices;

namespace CccdRecon.Core.Matching;

/// <summary>
/// The in-memory candidate-search index over the registry (chỉ mục tra cứu hộ tịch). Each record is filed under
/// several blocking keys; a form probes a handful of keys, so the cost per form does not grow with the registry.
/// Thread-safe: many concurrent readers, upserts exclusive.
/// </summary>
public sealed class RegistryIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<IndexedRecord> _records = [];
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Block> _blocks = [];
    private readonly Dictionary<string, int> _nameCounts = new(StringComparer.Ordinal);
    // Postings as linked lists in two parallel arrays: compact (8 bytes per posting) and append-only.
    private int[] _postRecord = new int[1024];
    private int[] _postNext = new int[1024];
    private int _postCount;

    public RegistryIndex(DateOnly today) => Today = today;

    /// <summary>The date two-digit years and ages are judged against.</summary>
    public DateOnly Today { get; }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _slotById.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds or replaces the record with the same RecordId. Returns false (and a reason) when the record is unreadable.</summary>
    public bool Upsert(RegistryRecord record, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!TryProfile(record, out var profile, out problem)) return false;
        var keys = new List<BlockingKey>(12);
        BlockingKeys.ForRecord(profile!, keys);
        _lock.EnterWriteLock();
        try
        {
            Insert(record, profile!, keys);
        }
        finally { _lock.ExitWriteLock(); }
        return true;
    }

    /// <summary>
    /// Loads many records at once, parsing them in parallel. Unreadable records are reported through
    /// <paramref name="reject"/> with the record id and reason. Returns the number indexed.
    /// </summary>
    public int AddRange(IReadOnlyList<RegistryRecord> records, Action<RegistryRecord, string>? reject = null, CancellationToken cancellationToken = default)
    {
        var profiles = new PersonProfile?[records.Count];
        var problems = new string?[records.Count];
        var keys = new BlockingKey[records.Count][];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new List<BlockingKey>(12),
            (i, _, buffer) =>
            {
                if (TryProfile(records[i], out var profile, out var problem))
                {
                    profiles[i] = profile;
                    BlockingKeys.ForRecord(profile!, buffer);
                    keys[i] = buffer.ToArray();
                }
                else problems[i] = problem;
                return buffer;
            },
            _ => { });

        var added = 0;
        _lock.EnterWriteLock();
        try
        {
            var newKeys = keys.Sum(k => k?.Length ?? 0);
            EnsurePostingCapacity(_postCount + newKeys);
            // Sized once up front: rehashing a dictionary of millions of blocks dominated loading.
            _blocks.EnsureCapacity(_blocks.Count + newKeys * 3 / 4);
            _slotById.EnsureCapacity(_slotById.Count + records.Count);
            _records.Capacity = Math.Max(_records.Capacity, _records.Count + records.Count);
            _nameCounts.EnsureCapacity(_nameCounts.Count + records.Count / 2);
            for (var i = 0; i < records.Count; i++)
            {
                if (profiles[i] is null) continue;
                Insert(records[i], profiles[i]!, keys[i]);
                added++;
            }
        }
        finally { _lock.ExitWriteLock(); }

        if (reject is not null)
            for (var i = 0; i < records.Count; i++)
                if (problems[i] is { } p) reject(records[i], p);
        return added;
    }

    public RegistryRecord? Get(string recordId)
    {
        _lock.EnterReadLock();
        try { return _slotById.TryGetValue(recordId, out var slot) ? _records[slot].Record : null; }
        finally { _lock.ExitReadLock(); }
    }

    internal bool TryProfile(RegistryRecord record, out PersonProfile? profile, out string? problem)
    {
        profile = null;
        if (string.IsNullOrWhiteSpace(record.RecordId)) { problem = "record_id is empty"; return false; }
        var p = PersonProfile.FromRecord(record, Today);
        if (!p.Name.IsReadable) { problem = $"full_name unreadable: {p.Name.Problem}"; return false; }
        profile = p;
        problem = null;
        return true;
    }

    private void Insert(RegistryRecord record, PersonProfile profile, IReadOnlyList<BlockingKey> keys)
    {
        int slot;
        if (_slotById.TryGetValue(record.RecordId, out slot))
        {
            // Replaced in place; its old keys stay filed and only ever add a candidate that is scored on current data.
            DecrementName(_records[slot].Profile.Name.FoldedKey);
            _records[slot] = new IndexedRecord(record, profile);
        }
        else
        {
            slot = _records.Count;
            _records.Add(new IndexedRecord(record, profile));
            _slotById.Add(record.RecordId, slot);
        }
        CollectionsMarshal.GetValueRefOrAddDefault(_nameCounts, profile.Name.FoldedKey, out _)++;
        EnsurePostingCapacity(_postCount + keys.Count);
        foreach (var key in keys)
        {
            ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, key.Hash, out var exists);
            if (exists && _postRecord[block.Head] == slot) continue;
            _postRecord[_postCount] = slot;
            _postNext[_postCount] = exists ? block.Head : -1;
            block.Head = _postCount++;
            block.Count++;
        }
    }

    private void DecrementName(string foldedKey)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_nameCounts, foldedKey);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && --count <= 0) _nameCounts.Remove(foldedKey);
    }

    private void EnsurePostingCapacity(int needed)
    {
        if (needed <= _postRecord.Length) return;
        var size = Math.Max(needed, _postRecord.Length * 2);
        Array.Resize(ref _postRecord, size);
        Array.Resize(ref _postNext, size);
    }

    /// <summary>Probes keys and adds the records found to <paramref name="found"/> (deduplicated, with the key kinds that found them).</summary>
    internal void Probe(List<BlockingKey> keys, int maxBlockSize, int maxCandidates, CandidateSet found)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var key in keys)
            {
                if (!_blocks.TryGetValue(key.Hash, out var block)) continue;
                // An identity number is decisive whatever the block size; a name key shared by hundreds says little.
                if (block.Count > maxBlockSize && key.Kind is not (BlockingKeyKind.PersonalId or BlockingKeyKind.LegacyId)) continue;
                for (var p = block.Head; p >= 0 && found.Count < maxCandidates; p = _postNext[p])
                    found.Add(_postRecord[p], key.Kind);
            }
        }
        finally { _lock.ExitReadLock(); }
    }

    internal IndexedRecord At(int slot)
    {
        _lock.EnterReadLock();
        try { return _records[slot]; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Share of registry records with this folded full name (term frequency for the name weight).</summary>
    internal double NameFrequency(string foldedKey)
    {
        _lock.EnterReadLock();
        try
        {
            var n = Math.Max(_slotById.Count, 1);
            return _nameCounts.TryGetValue(foldedKey, out var c) ? (double)c / n : 1.0 / n;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Random pairs of different registry records, for estimating u.</summary>
    internal List<(PersonProfile A, PersonProfile B)> RandomPairs(int count, int seed)
    {
        _lock.EnterReadLock();
        try
        {
            var pairs = new List<(PersonProfile, PersonProfile)>(count);
            if (_records.Count < 2) return pairs;
            var rng = new Random(seed);
            for (var i = 0; i < count; i++)
            {
                int a = rng.Next(_records.Count), b = rng.Next(_records.Count);
                if (a != b) pairs.Add((_records[a].Profile, _records[b].Profile));
            }
            return pairs;
        }
        finally { _lock.ExitReadLock(); }
    }

    private struct Block
    {
        public int Head;
        public int Count;
    }
}

internal sealed record IndexedRecord(RegistryRecord Record, PersonProfile Profile);

/// <summary>Candidates found for one form, with the blocking-key kinds that found each (reused per thread).</summary>
internal sealed class CandidateSet
{
    private readonly Dictionary<int, int> _positions = [];
    private readonly List<(int Slot, uint Kinds)> _items = [];

    public int Count => _items.Count;
    public (int Slot, uint Kinds) this[int i] => _items[i];

    public void Clear()
    {
        _positions.Clear();
        _items.Clear();
    }

    public void Add(int slot, BlockingKeyKind kind)
    {
        ref var pos = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, slot, out var exists);
        if (!exists)
        {
            pos = _items.Count;
            _items.Add((slot, 1u << (int)kind));
        }
        else
        {
            var item = _items[pos];
            _items[pos] = (item.Slot, item.Kinds | 1u << (int)kind);
        }
    }
}
