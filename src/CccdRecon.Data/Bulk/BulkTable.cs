using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    private BulkTable(string name, IReadOnlyList<BulkColumn<T>> columns, Action<T, BulkRowSink> writeRow)
    {
        Name = name;
        Columns = columns;
        WriteRow = writeRow;
    }

    public string Name { get; }
    public IReadOnlyList<BulkColumn<T>> Columns { get; }

    /// <summary>
    /// Gives a row's values to a writer in column order, each in the type the database stores (converted as the model
    /// says) by its own typed call: what <see cref="BulkColumn{T}.Value"/> gives, without boxing every number and
    /// calling the converter through <c>object</c> for each value of each row.
    /// </summary>
    public Action<T, BulkRowSink> WriteRow { get; }
    public IEnumerable<BulkColumn<T>> Keys => Columns.Where(c => c.IsKey);

    /// <param name="withGeneratedKey">Write the key even where the database would generate it (a result's id is its form's).</param>
    public static BulkTable<T> Of(IModel model, bool withGeneratedKey) => Cache.GetOrAdd((model, withGeneratedKey), key => Build(key.Item1, key.Item2));

    private static BulkTable<T> Build(IModel model, bool withGeneratedKey)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var row = Expression.Parameter(typeof(T), "row");
        var sink = Expression.Parameter(typeof(BulkRowSink), "sink");
        var columns = new List<BulkColumn<T>>();
        var writes = new List<Expression>();
        void Add(IProperty property, bool isKey, MemberExpression access)
        {
            columns.Add(Column(property, store, isKey, access, row));
            writes.Add(TypedWrite(property, access, sink));
        }
        foreach (var property in entity.GetProperties())
        {
            var isKey = property.IsPrimaryKey();
            if (isKey && property.ValueGenerated == ValueGenerated.OnAdd && !withGeneratedKey)
            {
                continue;
            }
            Add(property, isKey, Expression.Property(row, property.PropertyInfo!));
        }
        foreach (var complex in entity.GetComplexProperties())
        {
            var holder = Expression.Property(row, complex.PropertyInfo!);
            foreach (var property in complex.ComplexType.GetProperties())
            {
                Add(property, false, Expression.Property(holder, property.PropertyInfo!));
            }
        }
        var writeRow = Expression.Lambda<Action<T, BulkRowSink>>(Expression.Block(writes), row, sink).Compile();
        return new BulkTable<T>(table, columns, writeRow);
    }

    private static ValueConverter? ConverterOf(IProperty property) => property.GetValueConverter() ?? property.GetTypeMapping().Converter;

    /// <summary>
    /// <c>sink.Null()</c> for a null value, else the sink's call for the stored type with the value converted by the
    /// converter's own expression (the one <see cref="ValueConverter.ConvertToProvider"/> runs, inlined); a stored type
    /// without a call of its own goes to <see cref="BulkRowSink.Other"/> boxed, as <see cref="BulkColumn{T}.Value"/> gives it.
    /// </summary>
    private static Expression TypedWrite(IProperty property, MemberExpression access, ParameterExpression sink)
    {
        var converter = ConverterOf(property);
        var model = Expression.Variable(access.Type, "model");
        var underlying = Nullable.GetUnderlyingType(access.Type);
        Expression present = underlying is not null ? Expression.Property(model, nameof(Nullable<int>.Value)) : model;
        Expression stored = converter is null
            ? present
            // Invoking a lambda expression compiles it inline: no delegate call per value.
            : Expression.Invoke(converter.ConvertToProviderExpression, present.Type == converter.ModelClrType ? present : Expression.Convert(present, converter.ModelClrType));
        var value = Expression.Variable(stored.Type, "value");
        var call = Call(sink, Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(value, nameof(Nullable<int>.Value)) : value);
        Expression write = Expression.Block([value], Expression.Assign(value, stored), converter is not null && IsNull(value) is { } storedNull
            ? Expression.IfThenElse(storedNull, Expression.Call(sink, nameof(BulkRowSink.Null), null), call)
            : call);
        return Expression.Block([model], Expression.Assign(model, access), IsNull(model) is { } modelNull
            ? Expression.IfThenElse(modelNull, Expression.Call(sink, nameof(BulkRowSink.Null), null), write)
            : write);
    }

    /// <summary>Whether the value is null, or null when a value of its type never is.</summary>
    private static Expression? IsNull(ParameterExpression value)
        => !value.Type.IsValueType ? Expression.ReferenceEqual(value, Expression.Constant(null, value.Type))
            : Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Not(Expression.Property(value, nameof(Nullable<int>.HasValue)))
            : null;

    private static MethodCallExpression Call(ParameterExpression sink, Expression value)
    {
        var method = value.Type switch
        {
            var t when t == typeof(string) => nameof(BulkRowSink.Text),
            var t when t == typeof(long) => nameof(BulkRowSink.Int64),
            var t when t == typeof(int) => nameof(BulkRowSink.Int32),
            var t when t == typeof(double) => nameof(BulkRowSink.Double),
            var t when t == typeof(bool) => nameof(BulkRowSink.Boolean),
            var t when t == typeof(byte[]) => nameof(BulkRowSink.Bytes),
            _ => null,
        };
        return method is null
            ? Expression.Call(sink, nameof(BulkRowSink.Other), null, Expression.Convert(value, typeof(object)))
            : Expression.Call(sink, method, null, value);
    }

    private static BulkColumn<T> Column(IProperty property, StoreObjectIdentifier store, bool isKey, MemberExpression access, ParameterExpression row)
    {
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(access, typeof(object)), row).Compile();
        var converter = ConverterOf(property);
        var storeType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        Func<T, object?> value = converter is null
            ? read
            : r => read(r) is { } v ? converter.ConvertToProvider(v) : null;
        return new BulkColumn<T>(property.GetColumnName(store)!, storeType, isKey, value);
    }
}

/// <summary>
/// What a bulk writer does with a row's values (<see cref="BulkTable{T}.WriteRow"/>): one call per column, in column
/// order, typed by the stored type; <see cref="Null"/> for a null value.
/// </summary>
internal abstract class BulkRowSink
{
    public abstract void Null();
    public abstract void Text(string value);
    public abstract void Int64(long value);
    public abstract void Int32(int value);
    public abstract void Double(double value);
    public abstract void Boolean(bool value);
    public abstract void Bytes(byte[] value);

    /// <summary>A value of another stored type, boxed (none of the tables here has one).</summary>
    public abstract void Other(object value);
}

/// <summary>Builds the tables of one model (the running context's).</summary>
internal static class BulkTables
{
    public static BulkTable<T> Table<T>(this DbContext db, bool withGeneratedKey = false) where T : class => BulkTable<T>.Of(db.Model, withGeneratedKey);

    /// <summary>A column name quoted for SQL (every provider here accepts double quotes; SQL Server with QUOTED_IDENTIFIER on, its default).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
