using System.Runtime.InteropServices;
using CccdRecon.Core.Names;
using static CccdRecon.Core.Matching.Capacity;

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
    private readonly Dictionary<string, int> _nameCounts = new(StringComparer.Ordinal);
    // Blocks are split into shards by key hash so that a bulk load fills them in parallel.
    private const int ShardBits = 3;
    private readonly BlockShard[] _shards = Enumerable.Range(0, 1 << ShardBits).Select(_ => new BlockShard()).ToArray();
    // Keys a record may be filed under (see BlockingKeys.ForRecord): a bulk load stores them flat, this many per record.
    private const int MaxKeysPerRecord = 16;

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

    /// <summary>The record count, read inside a <see cref="Read"/> scope (which <see cref="Count"/> must not be).</summary>
    internal int CountInRead => _slotById.Count;

    /// <summary>
    /// The figures of the whole registry when this index holds one partition of it (issue 14): the prior and the name
    /// frequencies are then those of the whole registry, so a partition scores a form exactly as one index of
    /// everything would. Null (the default): this index is the whole registry.
    /// </summary>
    public RegistryStatistics? Shared { get => _shared; set => _shared = value; }
    private volatile RegistryStatistics? _shared;

    /// <summary>The size of the registry the prior is judged against, inside a <see cref="Read"/> scope.</summary>
    internal int RegistrySizeInRead => _shared?.RecordCount ?? _slotById.Count;

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
            var slot = Place(record, profile!);
            foreach (var key in keys) ShardOf(key.Hash).File(key.Hash, slot);
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
        // Key hashes flat, MaxKeysPerRecord per record: one large array instead of millions of small ones to collect.
        // Rented when small: an import adds a message at a time, and a fresh 128 KB array each time would land on the
        // large object heap and bring on full collections of the whole index.
        var keyCount = records.Count * MaxKeysPerRecord;
        var pooled = keyCount <= PooledKeys;
        var keys = pooled ? System.Buffers.ArrayPool<ulong>.Shared.Rent(keyCount) : new ulong[(long)records.Count * MaxKeysPerRecord];
        var keyCounts = new byte[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new List<BlockingKey>(MaxKeysPerRecord),
            (i, _, buffer) =>
            {
                if (TryProfile(records[i], out var profile, out var problem))
                {
                    profiles[i] = profile;
                    BlockingKeys.ForRecord(profile!, buffer);
                    var n = Math.Min(buffer.Count, MaxKeysPerRecord);
                    for (var k = 0; k < n; k++) keys[(long)i * MaxKeysPerRecord + k] = buffer[k].Hash;
                    keyCounts[i] = (byte)n;
                }
                else problems[i] = problem;
                return buffer;
            },
            _ => { });

        var added = 0;
        _lock.EnterWriteLock();
        try
        {
            // Records and names first (they decide each record's slot), then the shards of blocks side by side.
            var slots = new int[records.Count];
            // Grown geometrically: an import adds a message at a time, and sizing to the exact need would copy
            // everything on every call (quadratic over a 1.3M-record import).
            Grow(_slotById, _slotById.Count + records.Count);
            if (_records.Capacity < _records.Count + records.Count) _records.Capacity = Math.Max(_records.Count + records.Count, _records.Capacity * 2);
            Grow(_nameCounts, _nameCounts.Count + records.Count / 2);
            long totalKeys = 0;
            for (var i = 0; i < records.Count; i++)
            {
                if (profiles[i] is null) { slots[i] = -1; continue; }
                slots[i] = Place(records[i], profiles[i]!);
                totalKeys += keyCounts[i];
                added++;
            }
            Parallel.For(0, _shards.Length, new ParallelOptions { CancellationToken = cancellationToken }, shard =>
            {
                var blocks = _shards[shard];
                // Hashes spread evenly over the shards.
                blocks.Reserve(totalKeys / _shards.Length + totalKeys / _shards.Length / 8);
                for (var i = 0; i < records.Count; i++)
                {
                    if (slots[i] < 0) continue;
                    var offset = (long)i * MaxKeysPerRecord;
                    for (var k = 0; k < keyCounts[i]; k++)
                    {
                        var hash = keys[offset + k];
                        if (ShardIndex(hash) == shard) blocks.File(hash, slots[i]);
                    }
                }
                blocks.Compact();
            });
        }
        finally
        {
            _lock.ExitWriteLock();
            if (pooled) System.Buffers.ArrayPool<ulong>.Shared.Return(keys);
        }

        if (reject is not null)
            for (var i = 0; i < records.Count; i++)
                if (problems[i] is { } p) reject(records[i], p);
        return added;
    }

    /// <summary>Key arrays up to this size (an import message's) come from the shared pool.</summary>
    private const int PooledKeys = 1 << 20;

    public RegistryRecord? Get(string recordId)
    {
        _lock.EnterReadLock();
        try { return _slotById.TryGetValue(recordId, out var slot) ? _records[slot].Record : null; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Whether <see cref="Upsert"/> would index the record (an id and a readable name), and if not why, without indexing
    /// it: a host that keeps no index of its own (cluster mode, issue 14) refuses the same records one process would.
    /// </summary>
    public static bool IsIndexable(RegistryRecord record, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(record);
        problem = null;
        if (string.IsNullOrWhiteSpace(record.RecordId)) problem = "record_id is empty";
        else if (PersonName.ParseRecord(record.FullName) is { IsReadable: false } name) problem = $"full_name unreadable: {name.Problem}";
        return problem is null;
    }

    /// <summary>
    /// How many records bear each folded full name (<see cref="PersonName.FoldedKey"/>): those asked for, or every name
    /// when <paramref name="foldedKeys"/> is null (names borne by none are left out). The whole registry's statistics
    /// of a partitioned registry are summed from its partitions' counts (issue 14).
    /// </summary>
    public Dictionary<string, int> NameCounts(IEnumerable<string>? foldedKeys = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (foldedKeys is null) return new Dictionary<string, int>(_nameCounts, StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in foldedKeys)
                if (_nameCounts.TryGetValue(key, out var n)) counts[key] = n;
            return counts;
        }
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

    /// <summary>Stores the record in its slot (a new one, or the one of the record it replaces) and counts its name.</summary>
    private int Place(RegistryRecord record, PersonProfile profile)
    {
        if (_slotById.TryGetValue(record.RecordId, out var slot))
        {
            // Replaced in place; its old keys stay filed and only ever add a candidate that is scored on current data.
            DecrementName(_records[slot].Profile.Name.FoldedKey);
            _records[slot] = new IndexedRecord(record, profile);
        }
        else
        {
            slot = _records.Count;
            if (_idOrderedSlots == slot && (slot == 0 || string.CompareOrdinal(_records[slot - 1].Record.RecordId, record.RecordId) < 0))
                _idOrderedSlots++;
            _records.Add(new IndexedRecord(record, profile));
            _slotById.Add(record.RecordId, slot);
        }
        CollectionsMarshal.GetValueRefOrAddDefault(_nameCounts, profile.Name.FoldedKey, out _)++;
        return slot;
    }

    // The top bits pick the shard: the dictionaries inside hash on the low ones.
    private static int ShardIndex(ulong hash) => (int)(hash >> (64 - ShardBits));

    private BlockShard ShardOf(ulong hash) => _shards[ShardIndex(hash)];

    private void DecrementName(string foldedKey)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_nameCounts, foldedKey);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && --count <= 0) _nameCounts.Remove(foldedKey);
    }

    /// <summary>
    /// Holds the read lock for a whole form's search and scoring. <see cref="Probe"/>, <see cref="At"/> and
    /// <see cref="NameFrequency"/> must be called inside one: taking the lock per candidate made the lock's shared
    /// counter bounce between cores.
    /// </summary>
    internal ReadScope Read()
    {
        _lock.EnterReadLock();
        return new ReadScope(_lock);
    }

    internal readonly struct ReadScope(ReaderWriterLockSlim held) : IDisposable
    {
        public void Dispose() => held.ExitReadLock();
    }

    /// <summary>Probes keys and adds the records found to <paramref name="found"/> (deduplicated, with the key kinds that found them).</summary>
    internal void Probe(List<BlockingKey> keys, int maxBlockSize, int maxCandidates, CandidateSet found)
    {
        foreach (var key in keys)
        {
            var shard = ShardOf(key.Hash);
            if (!shard.Blocks.TryGetValue(key.Hash, out var block)) continue;
            // An identity number is decisive whatever the block size; a name key shared by hundreds says little.
            if (block.Count > maxBlockSize && key.Kind is not (BlockingKeyKind.PersonalId or BlockingKeyKind.LegacyId)) continue;
            for (var p = block.Head; p >= 0 && found.Count < maxCandidates; p = shard.PostNext[p])
                found.Add(shard.PostRecord[p], key.Kind);
        }
    }

    internal IndexedRecord At(int slot) => _records[slot];

    /// <summary>
    /// The record's place among the registry's ids in ordinal order, when known without reading its id: a registry filed
    /// in id order (as exported) keeps its slots in that order, and the slot is the answer; -1 for a record after the
    /// first one out of order. Two known places order two records exactly as their ids would (<see cref="Scored.BestFirst"/>).
    /// Inside a <see cref="Read"/> scope.
    /// </summary>
    internal int IdOrderOf(int slot) => slot < _idOrderedSlots ? slot : -1;

    /// <summary>How many records, from the first slot on, were added in strictly ascending (ordinal) id order.</summary>
    private int _idOrderedSlots;

    /// <summary>Visits every record under the read lock (registry search); the visitor must not call back into the index.</summary>
    internal void ForEach(Action<IndexedRecord> visit)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var record in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_records)) visit(record);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Share of registry records with this folded full name (term frequency for the name weight).</summary>
    internal double NameFrequency(string foldedKey)
    {
        if (_shared is { } shared) return shared.NameFrequency(foldedKey);
        var n = Math.Max(_slotById.Count, 1);
        return _nameCounts.TryGetValue(foldedKey, out var c) ? (double)c / n : 1.0 / n;
    }

    /// <summary>Random registry records (with repetition), for estimating u on form × registry pairs.</summary>
    internal List<PersonProfile> RandomRecords(int count, Random rng)
    {
        _lock.EnterReadLock();
        try
        {
            var list = new List<PersonProfile>(count);
            if (_records.Count == 0) return list;
            for (var i = 0; i < count; i++) list.Add(_records[rng.Next(_records.Count)].Profile);
            return list;
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

    /// <summary>One shard of the blocks: key hash → linked list of postings.</summary>
    private sealed class BlockShard
    {
        public Dictionary<ulong, Block> Blocks { get; } = [];
        // Postings as linked lists in two parallel arrays: compact (8 bytes per posting) and append-only.
        public int[] PostRecord = new int[256];
        public int[] PostNext = new int[256];
        private int _postCount;

        /// <summary>Sizes the shard once for a bulk load: rehashing a dictionary of millions of blocks dominated loading.</summary>
        public void Reserve(long postings)
        {
            var expected = (int)Math.Min(int.MaxValue / 4, postings + 16);
            EnsurePostingCapacity(_postCount + expected);
            Grow(Blocks, Blocks.Count + expected * 3 / 4);
        }

        public void File(ulong hash, int slot)
        {
            ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(Blocks, hash, out var exists);
            if (exists && PostRecord[block.Head] == slot) return;
            EnsurePostingCapacity(_postCount + 1);
            PostRecord[_postCount] = slot;
            PostNext[_postCount] = exists ? block.Head : -1;
            block.Head = _postCount++;
            block.Count++;
        }

        /// <summary>
        /// Lays each block's postings side by side in the order a probe reads them (newest first), so that reading a
        /// block of a hundred records touches a few cache lines instead of a hundred scattered ones. The lists and their
        /// order stay as they were: a probe finds the same records in the same order. Records filed later are linked in
        /// front as before.
        /// </summary>
        public void Compact()
        {
            // One new array, for the records; the links are then rewritten in place (each block's run ends where its
            // count says), so the copy costs half the postings' memory, not all of it.
            var record = new int[_postCount + _postCount / 64 + 256];
            var n = 0;
            foreach (var hash in Blocks.Keys)
            {
                ref var block = ref CollectionsMarshal.GetValueRefOrNullRef(Blocks, hash);
                var head = n;
                for (var p = block.Head; p >= 0; p = PostNext[p]) record[n++] = PostRecord[p];
                block.Head = head;
            }
            PostRecord = record;
            if (PostNext.Length < record.Length) Array.Resize(ref PostNext, record.Length);
            for (var k = 0; k < n; k++) PostNext[k] = k + 1;
            foreach (var block in Blocks.Values) PostNext[block.Head + block.Count - 1] = -1;
        }

        private void EnsurePostingCapacity(int needed)
        {
            if (needed <= PostRecord.Length) return;
            var size = Math.Max(needed, PostRecord.Length * 2);
            Array.Resize(ref PostRecord, size);
            Array.Resize(ref PostNext, size);
        }
    }
}

/// <summary>Makes room for <paramref name="needed"/> entries, at least doubling when it must grow.</summary>
file static class Capacity
{
    public static void Grow<TKey, TValue>(Dictionary<TKey, TValue> dictionary, int needed) where TKey : notnull
    {
        if (dictionary.EnsureCapacity(0) < needed) dictionary.EnsureCapacity(Math.Max(needed, dictionary.Count * 2));
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
