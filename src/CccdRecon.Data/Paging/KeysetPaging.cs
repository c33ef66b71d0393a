using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Paging;

/// <summary>Keyset (seek) paging: "after the last key, ordered by key", so page N costs the same as page 1.</summary>
public static class KeysetPaging
{
    /// <summary>Pages a query ordered by a <see cref="long"/> key, ascending.</summary>
    public static async Task<Page<T>> PageByIdAsync<T>(
        this IQueryable<T> query, Expression<Func<T, long>> key, long? after, int pageSize, string filter,
        CancellationToken cancellationToken)
    {
        if (after is { } last)
        {
            query = query.Where(Greater(key, last));
        }
        var items = await query.OrderBy(key).Take(pageSize + 1).ToListAsync(cancellationToken);
        var keyOf = KeyOf(key);
        return Finish(items, pageSize, filter, item => keyOf(item).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Pages a query ordered by a string key, descending (newest first for time-ordered ids).</summary>
    public static async Task<Page<T>> PageByStringDescendingAsync<T>(
        this IQueryable<T> query, Expression<Func<T, string>> key, string? after, int pageSize, string filter,
        CancellationToken cancellationToken)
    {
        if (after is not null)
        {
            // key < after, written as string.Compare so both providers translate it.
            var parameter = key.Parameters[0];
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
                key.Body, Parameter(after));
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(compare, Expression.Constant(0)), parameter));
        }
        var items = await query.OrderByDescending(key).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Finish(items, pageSize, filter, KeyOf(key));
    }

    private static Page<T> Finish<T>(List<T> items, int pageSize, string filter, Func<T, string> keyOf)
    {
        if (items.Count <= pageSize)
        {
            return new Page<T>(items, "");
        }
        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, PageToken.Encode(filter, keyOf(items[^1])));
    }

    private static Expression<Func<T, bool>> Greater<T>(Expression<Func<T, long>> key, long value)
        => Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(key.Body, Parameter(value)), key.Parameters);

    /// <summary>
    /// The value as EF Core sees a captured variable: a SQL parameter, so every page shares one cached query plan (a
    /// constant would make each page a new query to compile).
    /// </summary>
    private static MemberExpression Parameter<TValue>(TValue value)
        => Expression.Field(Expression.Constant(new Captured<TValue>(value)), nameof(Captured<TValue>.Value));

    private sealed class Captured<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    private static readonly ConcurrentDictionary<(Type, string), Delegate> Keys = new();

    /// <summary>The key's compiled getter, compiled once per entity and key (compiling is costly and leaves finalizable code).</summary>
    private static Func<T, TKey> KeyOf<T, TKey>(Expression<Func<T, TKey>> key)
        => (Func<T, TKey>)Keys.GetOrAdd((typeof(T), key.ToString()), _ => key.Compile());
}
