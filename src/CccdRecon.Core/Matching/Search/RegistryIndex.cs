using System.Runtime.InteropServices;
using CccdRecon.Core.Addresses;
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
    // What scoring reads of every candidate before comparing its name, by slot (RecordSketch), one cache line each.
    private readonly AlignedSketches _sketches = new();
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    // Per folded full name: how many records bear it, and its number (RecordSketch.NameId).
    private readonly Dictionary<string, NameTally> _names = new(StringComparer.Ordinal);
    private int _lastNameId;
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
        var address = AddressSketch.Of(profile!.ParsedAddress);
        var keys = new List<BlockingKey>(12);
        BlockingKeys.ForRecord(profile!, keys);
        _lock.EnterWriteLock();
        try
        {
            var slot = Place(record, profile!, address);
            foreach (var key in keys) ShardOf(key.Hash).File(key.Hash, slot);
            foreach (var key in keys) ShardOf(key.Hash).FoldIfLarge();
        }
        finally { _lock.ExitWriteLock(); }
        return true;
    }

    /// <summary>
    /// Loads many records at once, parsing them in parallel. Unreadable records are reported through
    /// <paramref name="reject"/> with the record id and reason. Returns the number indexed.
    /// </summary>
    /// <param name="addressParsed">
    /// Called for each readable record, with its position in <paramref name="records"/> and its permanent address as the
    /// index parsed it (<see cref="VietnameseAddress.Parse"/>; null when the address is absent or too long to parse), from
    /// the profiling threads (in parallel, before the records are placed): a caller that needs the parse too (the residence
    /// a store writes beside the record) takes it instead of parsing the address again.
    /// </param>
    public int AddRange(IReadOnlyList<RegistryRecord> records, Action<RegistryRecord, string>? reject = null, CancellationToken cancellationToken = default,
        Action<int, VietnameseAddress?>? addressParsed = null)
    {
        var profiles = new PersonProfile?[records.Count];
        var problems = new string?[records.Count];
        // Each address parsed once here, in parallel, for the sketch's address bound (parsed again only if compared).
        var addresses = new AddressSketch[records.Count];
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
                    var parsed = profile!.ParsedAddress;
                    addresses[i] = AddressSketch.Of(parsed);
                    addressParsed?.Invoke(i, parsed);
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
            // Slots from here on are new to the index: no block lists them yet.
            var firstNewSlot = _records.Count;
            // Grown geometrically: an import adds a message at a time, and sizing to the exact need would copy
            // everything on every call (quadratic over a 1.3M-record import).
            Grow(_slotById, _slotById.Count + records.Count);
            if (_records.Capacity < _records.Count + records.Count) _records.Capacity = Math.Max(_records.Count + records.Count, _records.Capacity * 2);
            if (_sketches.Length < _records.Capacity) _sketches.Resize(_records.Capacity);
            Grow(_names, _names.Count + records.Count / 2);
            long totalKeys = 0;
            for (var i = 0; i < records.Count; i++)
            {
                if (profiles[i] is null) { slots[i] = -1; continue; }
                slots[i] = Place(records[i], profiles[i]!, addresses[i]);
                totalKeys += keyCounts[i];
                added++;
            }
            // A load of at least a quarter of what the index holds is laid into the packed blocks (a bulk load, or one of
            // an import's first messages); a smaller one is linked in front, and folded in once it outgrows a quarter.
            long held = 0;
            foreach (var shard in _shards) held += shard.Postings;
            var bulk = totalKeys * 4 >= held;
            Parallel.For(0, _shards.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, shard =>
            {
                var blocks = _shards[shard];
                if (bulk)
                {
                    blocks.Load(keys, keyCounts, MaxKeysPerRecord, slots, shard);
                    return;
                }
                for (var i = 0; i < records.Count; i++)
                {
                    if (slots[i] < 0) continue;
                    var offset = (long)i * MaxKeysPerRecord;
                    for (var k = 0; k < keyCounts[i]; k++)
                    {
                        var hash = keys[offset + k];
                        if (ShardIndex(hash) == shard) blocks.File(hash, slots[i], unfiled: slots[i] >= firstNewSlot);
                    }
                }
                blocks.FoldIfLarge();
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
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            if (foldedKeys is null)
            {
                foreach (var (key, tally) in _names) counts[key] = tally.Count;
                return counts;
            }
            foreach (var key in foldedKeys)
                if (_names.TryGetValue(key, out var tally)) counts[key] = tally.Count;
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
    private int Place(RegistryRecord record, PersonProfile profile, AddressSketch address)
    {
        var replaced = _slotById.TryGetValue(record.RecordId, out var slot);
        if (replaced) DecrementName(_records[slot].Profile.Name.FoldedKey);
        // A name borne by no record any more loses its number; borne again, it is given a new one.
        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_names, profile.Name.FoldedKey, out var known);
        if (!known) tally.Id = ++_lastNameId;
        tally.Count++;
        if (replaced)
        {
            // Replaced in place; its old keys stay filed and only ever add a candidate that is scored on current data.
            _records[slot] = new IndexedRecord(record, profile);
            _sketches[slot] = RecordSketch.Of(profile, tally.Id, address);
        }
        else
        {
            slot = _records.Count;
            if (_idOrderedSlots == slot && (slot == 0 || string.CompareOrdinal(_records[slot - 1].Record.RecordId, record.RecordId) < 0))
                _idOrderedSlots++;
            _records.Add(new IndexedRecord(record, profile));
            if (_sketches.Length <= slot) _sketches.Resize(Math.Max(16, _records.Capacity));
            _sketches[slot] = RecordSketch.Of(profile, tally.Id, address);
            _slotById.Add(record.RecordId, slot);
        }
        return slot;
    }

    // The top bits pick the shard: the dictionaries inside hash on the low ones.
    private static int ShardIndex(ulong hash) => (int)(hash >> (64 - ShardBits));

    private BlockShard ShardOf(ulong hash) => _shards[ShardIndex(hash)];

    private void DecrementName(string foldedKey)
    {
        ref var tally = ref CollectionsMarshal.GetValueRefOrNullRef(_names, foldedKey);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref tally) && --tally.Count <= 0) _names.Remove(foldedKey);
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
        // Each key's block lies behind four reads from anywhere in the index (directory, hashes, start, postings), each
        // waiting on the one before. The keys are independent: every key takes each step before any takes the next, and
        // each step only starts loading the line the next one reads (CacheLineReadAhead), so that the keys' reads are in
        // flight together. The blocks are then read in the keys' order, as one key at a time would.
        var n = keys.Count;
        Span<BlockView> blocks = n <= StagedKeys ? stackalloc BlockView[n] : new BlockView[n];
        Span<int> bases = n <= StagedKeys ? stackalloc int[n] : new int[n];
        Probe(keys, blocks, bases, maxBlockSize, maxCandidates, found);
    }

    /// <summary>
    /// <see cref="Probe(List{BlockingKey}, int, int, CandidateSet)"/>'s steps, with a place for each key's block
    /// (<paramref name="blocks"/>, one a key) and for where its hash stands in the base (<paramref name="bases"/>, found once
    /// while its start is read ahead, not searched for again). Apart from the stackalloc: a method with both a loop and a stackalloc is
    /// compiled once, fully optimized but without the tiered compiler's profile of its branches.
    /// </summary>
    private void Probe(List<BlockingKey> keys, Span<BlockView> blocks, Span<int> bases, int maxBlockSize, int maxCandidates, CandidateSet found)
    {
        var n = keys.Count;
        for (var k = 0; k < n; k++) ShardOf(keys[k].Hash).ReadAheadDirectory(keys[k].Hash);
        for (var k = 0; k < n; k++) ShardOf(keys[k].Hash).ReadAheadRun(keys[k].Hash);
        for (var k = 0; k < n; k++) bases[k] = ShardOf(keys[k].Hash).ReadAheadStart(keys[k].Hash);
        for (var k = 0; k < n; k++)
        {
            ShardOf(keys[k].Hash).TryFind(keys[k].Hash, bases[k], out blocks[k]);
            ShardOf(keys[k].Hash).ReadAheadPostings(blocks[k]);
        }
        for (var k = 0; k < n; k++)
        {
            var (key, block) = (keys[k], blocks[k]);
            if (block.Count == 0) continue;
            // An identity number is decisive whatever the block size; a name key shared by hundreds says little.
            if (block.Count > maxBlockSize && key.Kind is not (BlockingKeyKind.PersonalId or BlockingKeyKind.LegacyId)) continue;
            ShardOf(key.Hash).Read(block, key.Kind, maxCandidates, found, _sketches);
        }
    }

    /// <summary>Keys up to this many (a form probes about twenty) keep their blocks on the stack in <see cref="Probe"/>.</summary>
    private const int StagedKeys = 64;

    internal IndexedRecord At(int slot) => _records[slot];

    /// <summary>The record's <see cref="RecordSketch"/>, inside a <see cref="Read"/> scope.</summary>
    internal ref readonly RecordSketch SketchAt(int slot) => ref _sketches[slot];

    /// <summary>Where the record's sketch starts in memory, modulo a cache line: 0, one line a sketch (for tests).</summary>
    internal int SketchLineOffset(int slot) => _sketches.LineOffset(slot);

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
        return _names.TryGetValue(foldedKey, out var tally) ? (double)tally.Count / n : 1.0 / n;
    }

    /// <summary>
    /// The number of a folded full name (<see cref="RecordSketch.NameId"/>): records share it exactly when their folded
    /// names are equal; 0 for a name no record bears. Inside a <see cref="Read"/> scope.
    /// </summary>
    internal int NameIdOf(string foldedKey) => _names.TryGetValue(foldedKey, out var tally) ? tally.Id : 0;

    private struct NameTally
    {
        public int Count;
        public int Id;
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

    /// <summary>
    /// One shard of the blocks: key hash → the records filed under it, newest first, a record filed twice in a row listed
    /// once (what filing records one at a time into linked lists gives, and what <c>BlockLayoutTests</c> holds every
    /// way of filling the index to). Most postings live in a packed base laid down by bulk loads: the blocks' hashes
    /// sorted and found through a directory on their leading bits, each block's postings side by side — 12 bytes a
    /// block and 4 a posting, where a dictionary entry and linked postings cost about 28 and 8 (at 1.3 M records, some
    /// 350 MB less at the run's peak). Records filed one at a time (upserts, an import's small messages) are linked in
    /// front in a small dictionary until the next bulk load, or until they outgrow a quarter of the base, folds them in.
    /// </summary>
    private sealed class BlockShard
    {
        private Packed _base = Packed.Empty;
        private int[] _directory = [0, 0, 0];
        private int _directoryBits = 1;
        // Filed since the base was laid down: hash → linked list of postings, newest first.
        private readonly Dictionary<ulong, Block> _recent = [];
        private int[] _recentRecord = new int[16];
        private int[] _recentNext = new int[16];
        private int _recentCount;

        /// <summary>Postings in the base and filed since.</summary>
        public long Postings => _base.Postings.Length + _recentCount;

        /// <summary>
        /// The block of <paramref name="hash"/>: how many records it lists and where they are (the recent list first,
        /// then the base's run); false when no record was filed under it. <paramref name="b"/> is where the hash stands in
        /// the base, as <see cref="ReadAheadStart"/> found it (-1 for nowhere).
        /// </summary>
        public bool TryFind(ulong hash, int b, out BlockView view)
        {
            var head = -1;
            var count = 0;
            if (_recent.Count > 0 && _recent.TryGetValue(hash, out var recent)) (head, count) = (recent.Head, recent.Count);
            var (start, end) = b >= 0 ? (_base.Starts[b], _base.Starts[b + 1]) : (0, 0);
            view = new BlockView(head, start, end, count + end - start);
            return view.Count > 0;
        }

        /// <summary>Starts loading the directory entry of <paramref name="hash"/> (for <see cref="TryFind"/>; changes nothing).</summary>
        public void ReadAheadDirectory(ulong hash) => CacheLineReadAhead.Start(in _directory[DirectoryIndex(hash, _directoryBits)]);

        /// <summary>Starts loading the first hashes of the directory entry's run, once the entry is read (changes nothing).</summary>
        public void ReadAheadRun(ulong hash)
        {
            var at = _directory[DirectoryIndex(hash, _directoryBits)];
            if (at < _base.Hashes.Length) CacheLineReadAhead.Start(in _base.Hashes[at]);
        }

        /// <summary>
        /// Starts loading where the block's postings start, once the run's hashes are read (changes nothing); returns
        /// where the hash stands in the base (-1 for nowhere), for <see cref="TryFind"/>.
        /// </summary>
        public int ReadAheadStart(ulong hash)
        {
            var b = FindBase(hash);
            if (b >= 0) CacheLineReadAhead.Start(in _base.Starts[b]);
            return b;
        }

        /// <summary>Starts loading the first postings of the block's run in the base (for <see cref="Read"/>; changes nothing).</summary>
        public void ReadAheadPostings(in BlockView view)
        {
            if (view.BaseStart < view.BaseEnd) CacheLineReadAhead.Start(in _base.Postings[view.BaseStart]);
        }

        /// <summary>Adds the records of <paramref name="view"/> to <paramref name="found"/> in order, up to <paramref name="maxCandidates"/>.</summary>
        public void Read(in BlockView view, BlockingKeyKind kind, int maxCandidates, CandidateSet found, AlignedSketches sketches)
        {
            for (var p = view.RecentHead; p >= 0 && found.Count < maxCandidates; p = _recentNext[p])
                Add(_recentRecord[p], kind, found, sketches);
            found.AddRun(_base.Postings.AsSpan(view.BaseStart, view.BaseEnd - view.BaseStart), kind, maxCandidates, sketches);
        }

        // A candidate seen for the first time: its sketch, read next by scoring, starts loading while the search goes on.
        private static void Add(int slot, BlockingKeyKind kind, CandidateSet found, AlignedSketches sketches)
        {
            if (found.Add(slot, kind)) CacheLineReadAhead.Start(in sketches[slot]);
        }

        /// <summary>
        /// Files one record under one key, in front of the block. <paramref name="unfiled"/>: the record was never filed
        /// before (a new slot of this load), so the base cannot list it and its search for the block is skipped.
        /// </summary>
        public void File(ulong hash, int slot, bool unfiled = false)
        {
            ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(_recent, hash, out var exists);
            if (exists)
            {
                if (_recentRecord[block.Head] == slot) return;
            }
            else
            {
                var b = unfiled ? -1 : FindBase(hash);
                if (b >= 0 && _base.Postings[_base.Starts[b]] == slot)
                {
                    _recent.Remove(hash);
                    return;
                }
                block.Head = -1;
            }
            if (_recentCount == _recentRecord.Length)
            {
                Array.Resize(ref _recentRecord, _recentCount * 2);
                Array.Resize(ref _recentNext, _recentCount * 2);
            }
            _recentRecord[_recentCount] = slot;
            _recentNext[_recentCount] = block.Head;
            block.Head = _recentCount++;
            block.Count++;
        }

        /// <summary>Folds the recent postings into the base once they are more than a quarter of it.</summary>
        public void FoldIfLarge()
        {
            if (_recentCount > Math.Max(FoldAtLeast, _base.Postings.Length / 4)) Lay(Packed.Merge(RecentPacked(), _base));
        }

        /// <summary>Recent postings below this many stay linked whatever the base's size.</summary>
        private const int FoldAtLeast = 4_096;

        /// <summary>
        /// A bulk load's share of this shard: the keys of record i (<paramref name="keyCounts"/>[i] of them from
        /// i × <paramref name="stride"/> in <paramref name="keys"/>) filed in order of i under <paramref name="slots"/>[i]
        /// (records with slot -1 skipped) where the key falls in <paramref name="shard"/>, newer than everything filed before.
        /// </summary>
        public void Load(ulong[] keys, byte[] keyCounts, int stride, int[] slots, int shard)
        {
            var n = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] < 0) continue;
                for (var k = 0; k < keyCounts[i]; k++)
                    if (ShardIndex(keys[(long)i * stride + k]) == shard) n++;
            }
            var hashes = new ulong[n];
            var order = new int[n];
            n = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] < 0) continue;
                for (var k = 0; k < keyCounts[i]; k++)
                {
                    var hash = keys[(long)i * stride + k];
                    if (ShardIndex(hash) != shard) continue;
                    hashes[n] = hash;
                    order[n++] = i;
                }
            }
            var loaded = Packed.Sort(hashes, order, slots);
            Lay(_recent.Count == 0 && _base.Hashes.Length == 0 ? loaded : Packed.Merge(loaded, Packed.Merge(RecentPacked(), _base)));
        }

        private void Lay(Packed packed)
        {
            _base = packed;
            _recent.Clear();
            _recent.TrimExcess();
            _recentRecord = new int[16];
            _recentNext = new int[16];
            _recentCount = 0;
            // About four blocks a directory entry: a probe reads the entry, then one cache line of hashes.
            var bits = 1;
            while (bits < MaxDirectoryBits && 4L << bits < packed.Hashes.Length) bits++;
            var directory = new int[(1 << bits) + 1];
            var at = 0;
            for (var d = 0; d < directory.Length; d++)
            {
                while (at < packed.Hashes.Length && DirectoryIndex(packed.Hashes[at], bits) < d) at++;
                directory[d] = at;
            }
            (_directory, _directoryBits) = (directory, bits);
        }

        private const int MaxDirectoryBits = 24;

        // The bits after the shard's own (every hash of a shard shares those).
        private static int DirectoryIndex(ulong hash, int bits) => (int)((hash << ShardBits) >> (64 - bits));

        private int FindBase(ulong hash)
        {
            var d = DirectoryIndex(hash, _directoryBits);
            int lo = _directory[d], hi = _directory[d + 1] - 1;
            var hashes = _base.Hashes;
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) >> 1);
                if (hashes[mid] == hash) return mid;
                if (hashes[mid] < hash) lo = mid + 1;
                else hi = mid - 1;
            }
            return -1;
        }

        /// <summary>The recent lists packed, blocks in hash order.</summary>
        private Packed RecentPacked()
        {
            if (_recent.Count == 0) return Packed.Empty;
            var hashes = _recent.Keys.ToArray();
            Array.Sort(hashes);
            var starts = new int[hashes.Length + 1];
            var postings = new int[_recentCount];
            var n = 0;
            for (var b = 0; b < hashes.Length; b++)
            {
                starts[b] = n;
                for (var p = _recent[hashes[b]].Head; p >= 0; p = _recentNext[p]) postings[n++] = _recentRecord[p];
            }
            starts[^1] = n;
            return new Packed(hashes, starts, postings);
        }
    }

    private struct Block
    {
        public int Head;
        public int Count;
    }

    /// <summary>Where a block's records are: a recent linked list (from <see cref="RecentHead"/>) and a run of the base.</summary>
    private readonly record struct BlockView(int RecentHead, int BaseStart, int BaseEnd, int Count);

    /// <summary>Blocks packed: hashes sorted and unique, block b's postings at [Starts[b], Starts[b + 1]), newest first.</summary>
    private sealed record Packed(ulong[] Hashes, int[] Starts, int[] Postings)
    {
        public static readonly Packed Empty = new([], [0], []);

        /// <summary>
        /// Packs postings given as (hash, i) in any order, i the filing order of record i at <paramref name="slots"/>[i]:
        /// sorted by hash, each block newest first, a record filed twice in a row listed once.
        /// </summary>
        public static Packed Sort(ulong[] hashes, int[] order, int[] slots)
        {
            Array.Sort(hashes, order);
            var unique = 0;
            for (var j = 0; j < hashes.Length; j++)
                if (j == 0 || hashes[j] != hashes[j - 1]) unique++;
            var packedHashes = new ulong[unique];
            var starts = new int[unique + 1];
            var postings = new int[hashes.Length];
            int b = 0, n = 0;
            for (var j = 0; j < hashes.Length;)
            {
                var end = j + 1;
                while (end < hashes.Length && hashes[end] == hashes[j]) end++;
                // Filing order within the block (the sort above is not stable), then newest first.
                if (end - j > 1) Array.Sort(order, j, end - j);
                packedHashes[b] = hashes[j];
                starts[b++] = n;
                var blockStart = n;
                for (var q = end - 1; q >= j; q--)
                {
                    var slot = slots[order[q]];
                    if (n > blockStart && postings[n - 1] == slot) continue;
                    postings[n++] = slot;
                }
                j = end;
            }
            starts[unique] = n;
            if (n < postings.Length) Array.Resize(ref postings, n);
            return new Packed(packedHashes, starts, postings);
        }

        /// <summary>Both sets of blocks in one: under a hash both have, <paramref name="newer"/>'s postings first.</summary>
        public static Packed Merge(Packed newer, Packed older)
        {
            if (older.Hashes.Length == 0) return newer;
            if (newer.Hashes.Length == 0) return older;
            var unique = 0;
            for (int a = 0, o = 0; a < newer.Hashes.Length || o < older.Hashes.Length; unique++)
            {
                var order = a == newer.Hashes.Length ? 1 : o == older.Hashes.Length ? -1 : newer.Hashes[a].CompareTo(older.Hashes[o]);
                if (order <= 0) a++;
                if (order >= 0) o++;
            }
            var hashes = new ulong[unique];
            var starts = new int[unique + 1];
            var postings = new int[newer.Postings.Length + older.Postings.Length];
            var n = 0;
            for (int a = 0, o = 0, b = 0; b < unique; b++)
            {
                var order = a == newer.Hashes.Length ? 1 : o == older.Hashes.Length ? -1 : newer.Hashes[a].CompareTo(older.Hashes[o]);
                hashes[b] = order <= 0 ? newer.Hashes[a] : older.Hashes[o];
                starts[b] = n;
                var blockStart = n;
                if (order <= 0) n = Append(newer, a++, postings, n, blockStart);
                if (order >= 0) n = Append(older, o++, postings, n, blockStart);
            }
            starts[unique] = n;
            if (n < postings.Length) Array.Resize(ref postings, n);
            return new Packed(hashes, starts, postings);
        }

        // A block's postings after those already written for it, the first one dropped if it repeats the last.
        private static int Append(Packed from, int block, int[] postings, int n, int blockStart)
        {
            var (start, end) = (from.Starts[block], from.Starts[block + 1]);
            if (start < end && n > blockStart && postings[n - 1] == from.Postings[start]) start++;
            Array.Copy(from.Postings, start, postings, n, end - start);
            return n + end - start;
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

/// <summary>
/// The records' sketches by slot, each in a cache line of its own: a sketch is 56 bytes, and packed side by side three in
/// four straddle two lines, so that an absent person's form, reading 175 sketches from all over, waited on about 300
/// lines. Here each sits at the start of a 64-byte cell of a pinned array whose cells begin on line boundaries
/// (pinned, the collector never moves it off them): one line a candidate.
/// </summary>
internal sealed class AlignedSketches
{
    /// <summary>A cache line: one sketch a cell.</summary>
    private const int Cell = 64;

    private byte[] _bytes = [];
    // Where the first cell starts in the array: the first line boundary.
    private int _start;

    /// <summary>How many sketches there is room for.</summary>
    public int Length { get; private set; }

    /// <summary>Sketch <paramref name="slot"/>, which the caller has checked is below <see cref="Length"/>.</summary>
    internal ref RecordSketch At(int slot) =>
        ref System.Runtime.CompilerServices.Unsafe.As<byte, RecordSketch>(ref System.Runtime.CompilerServices.Unsafe.Add(
            ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_bytes), (nint)_start + (nint)slot * Cell));

    public ref RecordSketch this[int slot]
    {
        get
        {
            if ((uint)slot >= (uint)Length) throw new IndexOutOfRangeException();
            return ref At(slot);
        }
    }

    /// <summary>Makes room for <paramref name="length"/> sketches, keeping those held (under the index's write lock).</summary>
    public void Resize(int length)
    {
        System.Diagnostics.Debug.Assert(System.Runtime.CompilerServices.Unsafe.SizeOf<RecordSketch>() <= Cell);
        var bytes = GC.AllocateArray<byte>(checked(length * Cell + Cell), pinned: true);
        var start = (int)((Cell - Marshal.UnsafeAddrOfPinnedArrayElement(bytes, 0) % Cell) % Cell);
        var kept = Math.Min(Length, length);
        if (kept > 0) Array.Copy(_bytes, _start, bytes, start, (long)kept * Cell);
        (_bytes, _start, Length) = (bytes, start, length);
    }

    /// <summary>Where sketch <paramref name="slot"/> starts in memory, modulo a cache line (for tests: 0 for every slot).</summary>
    internal int LineOffset(int slot) => (int)((Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, _start + slot * Cell)) % Cell);
}

/// <summary>Candidates found for one form, with the blocking-key kinds that found each (reused per thread).</summary>
internal sealed class CandidateSet
{
    // Open addressing on the slot: a form gathers a few hundred candidates at most, and a dictionary's entry, bucket
    // and version bookkeeping cost more than the candidates' own reads. A cell holds the slot plus one in its low half
    // (0 is an empty cell) and the candidate's place in its high half: one read tells a repeat from a new record.
    private long[] _cells = new long[InitialCells];
    // The candidates in order of first finding: room for one more than half the cells (Add grows past half full).
    private int[] _slots = new int[InitialCells / 2 + 1];
    private uint[] _kinds = new uint[InitialCells / 2 + 1];
    private int _count;

    /// <summary>Cells of a new set: twice the candidates most forms gather (<see cref="MatchingOptions.MaxCandidates"/>).</summary>
    private const int InitialCells = 512;

    public int Count => _count;
    public (int Slot, uint Kinds) this[int i] => (uint)i < (uint)_count ? (_slots[i], _kinds[i]) : throw new ArgumentOutOfRangeException(nameof(i));

    public void Clear()
    {
        if (_count == 0) return;
        Array.Clear(_cells);
        _count = 0;
    }

    /// <summary>Adds the record, or the key kind to it when already found; true when it is new.</summary>
    public bool Add(int slot, BlockingKeyKind kind)
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        var key = (uint)(slot + 1);
        for (var cell = Spread(slot) & mask; ; cell = (cell + 1) & mask)
        {
            var held = cells[cell];
            if (held == 0)
            {
                var at = _count;
                cells[cell] = (long)at << 32 | key;
                _slots[at] = slot;
                _kinds[at] = 1u << (int)kind;
                _count = at + 1;
                // At most half full, so that a miss ends after a cell or two.
                if (_count * 2 > cells.Length) Grow();
                return true;
            }
            if ((uint)held == key)
            {
                _kinds[(int)(held >> 32)] |= 1u << (int)kind;
                return false;
            }
        }
    }

    /// <summary>
    /// <see cref="Add"/> for each record of a block's run in order, while fewer than <paramref name="maxCandidates"/> are
    /// held; each new one's sketch starts loading (<see cref="CacheLineReadAhead"/>), as the search's own adds do. One
    /// loop on locals: a block of an absent person's form lists dozens of records.
    /// </summary>
    public void AddRun(ReadOnlySpan<int> run, BlockingKeyKind kind, int maxCandidates, AlignedSketches sketches)
    {
        var bit = 1u << (int)kind;
        var (cells, slots, kinds, count) = (_cells, _slots, _kinds, _count);
        var mask = cells.Length - 1;
        var sketchCount = sketches.Length;
        foreach (var slot in run)
        {
            if (count >= maxCandidates) break;
            var key = (uint)(slot + 1);
            var cell = Spread(slot) & mask;
            long held;
            while ((held = cells[cell]) != 0 && (uint)held != key) cell = (cell + 1) & mask;
            if (held != 0)
            {
                kinds[(int)(held >> 32)] |= bit;
                continue;
            }
            cells[cell] = (long)count << 32 | key;
            slots[count] = slot;
            kinds[count] = bit;
            count++;
            if ((uint)slot < (uint)sketchCount) CacheLineReadAhead.Start(in sketches.At(slot));
            if (count * 2 > cells.Length)
            {
                _count = count;
                Grow();
                (cells, slots, kinds) = (_cells, _slots, _kinds);
                mask = cells.Length - 1;
            }
        }
        _count = count;
    }

    private static int Spread(int slot) => (int)((uint)slot * 0x9E3779B1u >> 7);

    private void Grow()
    {
        _cells = new long[_cells.Length * 2];
        Array.Resize(ref _slots, _cells.Length / 2 + 1);
        Array.Resize(ref _kinds, _cells.Length / 2 + 1);
        var mask = _cells.Length - 1;
        for (var i = 0; i < _count; i++)
        {
            var cell = Spread(_slots[i]) & mask;
            while (_cells[cell] != 0) cell = (cell + 1) & mask;
            _cells[cell] = (long)i << 32 | (uint)(_slots[i] + 1);
        }
    }
}
