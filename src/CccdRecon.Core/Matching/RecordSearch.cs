using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>What a reviewer typed to find a person in the registry (tìm người trong hộ tịch); any field may be empty.</summary>
public sealed record RecordQuery(string? FullName, string? DateOfBirth, string? PersonalId);

/// <summary>A field of a <see cref="RecordQuery"/> that cannot be searched for, and why (never quoting the value).</summary>
public sealed record QueryProblem(string Field, string Problem);

/// <summary>A registry record a search found, with its place in list order (<see cref="NameOrder"/>).</summary>
public sealed record RecordHit(RegistryRecord Record, string OrderKey);

/// <summary>
/// A registry search, read the way the engine reads a form: the name as keyed in any case, with or without diacritics,
/// NFD, either tone placement or a legacy encoding (compared on its folded syllables, in order, so a dropped middle name
/// or an unfinished last word still finds the person), the date in any form the forms use (compared at the precision
/// typed: a year alone finds everyone born that year), the ID number with or without spaces (12-digit personal or 9-digit
/// legacy number).
/// </summary>
public sealed class RecordCriteria
{
    private readonly string[] _syllables;
    private readonly BirthDate? _date;
    private readonly string? _id;

    private RecordCriteria(string[] syllables, BirthDate? date, string? id)
    {
        _syllables = syllables;
        _date = date;
        _id = id;
    }

    /// <summary>True when nothing was typed: such a query would list the whole registry and is refused by the host.</summary>
    public bool IsEmpty => _syllables.Length == 0 && _date is null && _id is null;

    /// <summary>The criteria of a query; fields that cannot be read are listed in <paramref name="problems"/> and ignored.</summary>
    public static RecordCriteria Parse(RecordQuery query, DateOnly today, out IReadOnlyList<QueryProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<QueryProblem>();
        string[] syllables = [];
        if (!string.IsNullOrWhiteSpace(query.FullName))
        {
            var name = PersonName.Parse(query.FullName);
            if (name.IsReadable && name.FoldedSyllables.Count > 0) syllables = [.. name.FoldedSyllables];
            else found.Add(new QueryProblem(PersonFields.FullName, "cannot be read as a name"));
        }
        BirthDate? date = null;
        if (!string.IsNullOrWhiteSpace(query.DateOfBirth))
        {
            var parsed = BirthDate.Parse(query.DateOfBirth, today);
            if (parsed.Date is { } d) date = d;
            else found.Add(new QueryProblem(PersonFields.DateOfBirth, "cannot be read as a date"));
        }
        string? id = null;
        if (!string.IsNullOrWhiteSpace(query.PersonalId))
        {
            var parsed = PersonalIdNumber.Parse(query.PersonalId);
            if (parsed.Kind is IdNumberKind.Personal12 or IdNumberKind.Legacy9) id = parsed.Digits;
            else found.Add(new QueryProblem(PersonFields.PersonalId, "must be a 12-digit personal or 9-digit legacy ID number"));
        }
        problems = found;
        return new RecordCriteria(syllables, date, id);
    }

    internal bool Matches(PersonProfile record)
    {
        if (_id is not null && record.Id12 != _id && record.Id9 != _id) return false;
        if (_date is { } wanted && !DateAgrees(wanted, record.Date)) return false;
        return _syllables.Length == 0 || NameAgrees(record.Name);
    }

    /// <summary>The registry's date agrees with every part the reviewer typed that the registry knows.</summary>
    private static bool DateAgrees(BirthDate wanted, BirthDate? known)
    {
        if (known is not { } k) return false;
        return k.Year == wanted.Year
            && (wanted.Month is null || k.Month is null || k.Month == wanted.Month)
            && (wanted.Day is null || k.Day is null || k.Day == wanted.Day);
    }

    /// <summary>The typed syllables appear in the record's name in order; the last one may be unfinished.</summary>
    private bool NameAgrees(PersonName name)
    {
        var record = name.FoldedSyllables;
        var next = 0;
        for (var i = 0; i < _syllables.Length; i++)
        {
            var last = i == _syllables.Length - 1;
            while (next < record.Count && !(last
                ? record[next].StartsWith(_syllables[i], StringComparison.Ordinal)
                : string.Equals(record[next], _syllables[i], StringComparison.Ordinal)))
            {
                next++;
            }
            if (next == record.Count) return false;
            next++;
        }
        return true;
    }
}

/// <summary>Registry search over the in-memory index: every record read once, the matches kept in list order.</summary>
public static class RecordSearch
{
    /// <summary>
    /// The first <paramref name="limit"/> matching records in list order (by name as Vietnamese lists sort, then record id)
    /// after <paramref name="afterKey"/> (the <see cref="RecordHit.OrderKey"/> of the last record of the page before).
    /// </summary>
    public static IReadOnlyList<RecordHit> Search(this RegistryIndex index, RecordCriteria criteria, string? afterKey, int limit)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // The best `limit` so far, the last in list order on top, so a better match replaces it.
        var kept = new PriorityQueue<RecordHit, string>(limit + 1, Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)));
        index.ForEach(indexed =>
        {
            if (!criteria.Matches(indexed.Profile)) return;
            var key = NameOrder.SortKey(indexed.Record.FullName) + "\u0000" + indexed.Record.RecordId;
            if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0) return;
            if (kept.Count == limit && string.CompareOrdinal(key, kept.Peek().OrderKey) >= 0) return;
            kept.Enqueue(new RecordHit(indexed.Record, key), key);
            if (kept.Count > limit) kept.Dequeue();
        });
        var hits = new List<RecordHit>(kept.Count);
        while (kept.Count > 0) hits.Add(kept.Dequeue());
        hits.Reverse();
        return hits;
    }
}
