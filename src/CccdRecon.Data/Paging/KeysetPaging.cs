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
        return Finish(items, pageSize, filter, item => key.Compile()(item).ToString(CultureInfo.InvariantCulture));
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
                key.Body, Expression.Constant(after));
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(compare, Expression.Constant(0)), parameter));
        }
        var items = await query.OrderByDescending(key).Take(pageSize + 1).ToListAsync(cancellationToken);
        return Finish(items, pageSize, filter, key.Compile());
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
        => Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(key.Body, Expression.Constant(value)), key.Parameters);
}
