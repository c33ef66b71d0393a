using System.Collections.Frozen;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>
/// The figures of a whole registry that scoring depends on: its size (the prior, <see cref="MatchModel.PriorWeight"/>)
/// and how many records share each full name (the name's term frequency). A registry split into partitions (issue 14)
/// gives every partition the same statistics (<see cref="RegistryIndex.Shared"/>), so each scores a form exactly as a
/// single index of the whole registry would. Immutable.
/// </summary>
public sealed class RegistryStatistics
{
    private readonly FrozenDictionary<string, int> _sharedNames;

    /// <param name="recordCount">the readable records of the whole registry</param>
    /// <param name="sharedNames">folded full name → records bearing it, for names borne by two or more (a name borne by one scores as an unseen one)</param>
    public RegistryStatistics(int recordCount, IEnumerable<KeyValuePair<string, int>> sharedNames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recordCount);
        ArgumentNullException.ThrowIfNull(sharedNames);
        RecordCount = recordCount;
        _sharedNames = sharedNames.Where(p => p.Value >= 2).ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int RecordCount { get; }

    /// <summary>Folded full name → records bearing it, for the names borne by two or more.</summary>
    public IReadOnlyDictionary<string, int> SharedNames => _sharedNames;

    /// <summary>Share of registry records with this folded full name; an unseen name counts as one record.</summary>
    internal double NameFrequency(string foldedKey)
    {
        var n = Math.Max(RecordCount, 1);
        return _sharedNames.TryGetValue(foldedKey, out var c) ? (double)c / n : 1.0 / n;
    }

    /// <summary>
    /// The key a record's full name is counted under (<see cref="PersonName.FoldedKey"/>), or null when the index would
    /// not read the name: for keeping a partitioned registry's statistics as records change (issue 14).
    /// </summary>
    public static string? NameKeyOf(RegistryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = PersonName.ParseRecord(record.FullName);
        return name.IsReadable ? name.FoldedKey : null;
    }

    /// <summary>
    /// Counts a registry as <see cref="RegistryIndex"/> would index it (same readability rule), record by record, so
    /// an importer that spreads records over partitions can give them all the whole registry's figures.
    /// </summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _nameById = new(StringComparer.Ordinal);

        /// <summary>Counts a record (a later one with the same id replaces it). False when the index would reject it.</summary>
        public bool Add(RegistryRecord record)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (string.IsNullOrWhiteSpace(record.RecordId)) return false;
            var name = PersonName.ParseRecord(record.FullName);
            if (!name.IsReadable) return false;
            if (_nameById.TryGetValue(record.RecordId, out var previous) && --_names[previous] == 0) _names.Remove(previous);
            _nameById[record.RecordId] = name.FoldedKey;
            _names[name.FoldedKey] = _names.GetValueOrDefault(name.FoldedKey) + 1;
            return true;
        }

        public RegistryStatistics Build() => new(_nameById.Count, _names);
    }
}
