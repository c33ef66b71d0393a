namespace CccdRecon.Data.Registry;

/// <summary>
/// Which registry versions this process's index holds. Every import transaction takes the next version (imports commit
/// in version order, see <see cref="Entities.StoreVersionRow"/>); an instance applies its own imports to its index as it
/// makes them and loads the other instances' from the database: every version up to <see cref="Seen"/>, and those
/// after it that it made itself. The gate keeps a local import and a reload from interleaving, so the index never
/// takes an older copy of a record over a newer one.
/// </summary>
public sealed class RegistryVersions
{
    private readonly SortedSet<long> _local = [];
    private readonly Lock _lock = new();

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Every version up to this one is in the index.</summary>
    public long Seen
    {
        get { lock (_lock) { return _seen; } }
    }

    private long _seen;

    internal void MarkApplied(long version)
    {
        lock (_lock)
        {
            if (version > _seen)
            {
                _local.Add(version);
            }
        }
    }

    /// <summary>The versions after <see cref="Seen"/> up to <paramref name="upTo"/> this process has not applied.</summary>
    internal List<long> Missing(long upTo)
    {
        lock (_lock)
        {
            var missing = new List<long>();
            for (var v = _seen + 1; v <= upTo; v++)
            {
                if (!_local.Contains(v))
                {
                    missing.Add(v);
                }
            }
            return missing;
        }
    }

    /// <summary>Whether every version up to <paramref name="upTo"/> is in the index (none of them <see cref="Missing"/>).</summary>
    internal bool HoldsAll(long upTo)
    {
        lock (_lock)
        {
            for (var v = _seen + 1; v <= upTo; v++)
            {
                if (!_local.Contains(v))
                {
                    return false;
                }
            }
            return true;
        }
    }

    internal void Advance(long upTo)
    {
        lock (_lock)
        {
            _seen = Math.Max(_seen, upTo);
            _local.RemoveWhere(v => v <= _seen);
        }
    }
}
