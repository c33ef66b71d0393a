using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CccdRecon.Data.Bulk;

/// <summary>One column of a <see cref="BulkTable{T}"/>: its name, the type the database stores, and a row's value in that type.</summary>
internal sealed record BulkColumn<T>(string Name, Type StoreType, bool IsKey, Func<T, object?> Value);

/// <summary>
/// A table as the bulk writers see it, read from the EF Core model (names, the person complex type, value converters
/// such as instants as ticks and enums as numbers), so the bulk path writes exactly what EF Core would and no column
/// list is restated by hand.
/// </summary>
internal sealed class BulkTable<T> where T : class
{
    private static readonly ConcurrentDictionary<(IModel, bool), BulkTable<T>> Cache = new();

    private BulkTable(string name, IReadOnlyList<BulkColumn<T>> columns)
    {
        Name = name;
        Columns = columns;
    }

    public string Name { get; }
    public IReadOnlyList<BulkColumn<T>> Columns { get; }
    public IEnumerable<BulkColumn<T>> Keys => Columns.Where(c => c.IsKey);

    /// <param name="withGeneratedKey">Write the key even where the database would generate it (a result's id is its form's).</param>
    public static BulkTable<T> Of(IModel model, bool withGeneratedKey) => Cache.GetOrAdd((model, withGeneratedKey), key => Build(key.Item1, key.Item2));

    private static BulkTable<T> Build(IModel model, bool withGeneratedKey)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var row = Expression.Parameter(typeof(T), "row");
        var columns = new List<BulkColumn<T>>();
        foreach (var property in entity.GetProperties())
        {
            var isKey = property.IsPrimaryKey();
            if (isKey && property.ValueGenerated == ValueGenerated.OnAdd && !withGeneratedKey)
            {
                continue;
            }
            columns.Add(Column(property, store, isKey, Expression.Property(row, property.PropertyInfo!), row));
        }
        foreach (var complex in entity.GetComplexProperties())
        {
            var holder = Expression.Property(row, complex.PropertyInfo!);
            foreach (var property in complex.ComplexType.GetProperties())
            {
                columns.Add(Column(property, store, false, Expression.Property(holder, property.PropertyInfo!), row));
            }
        }
        return new BulkTable<T>(table, columns);
    }

    private static BulkColumn<T> Column(IProperty property, StoreObjectIdentifier store, bool isKey, MemberExpression access, ParameterExpression row)
    {
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(access, typeof(object)), row).Compile();
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        var storeType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        Func<T, object?> value = converter is null
            ? read
            : r => read(r) is { } v ? converter.ConvertToProvider(v) : null;
        return new BulkColumn<T>(property.GetColumnName(store)!, storeType, isKey, value);
    }
}

/// <summary>Builds the tables of one model (the running context's).</summary>
internal static class BulkTables
{
    public static BulkTable<T> Table<T>(this DbContext db, bool withGeneratedKey = false) where T : class => BulkTable<T>.Of(db.Model, withGeneratedKey);

    /// <summary>A column name quoted for SQL (every provider here accepts double quotes; SQL Server with QUOTED_IDENTIFIER on, its default).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
