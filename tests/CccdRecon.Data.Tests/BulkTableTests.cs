using CccdRecon.Core.Matching;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The bulk path writes what EF Core would: every column of each table (generated keys aside), values converted as
/// the model says. SQL Server cannot run here, so its statements and the rows it would send are checked as text and
/// data.
/// </summary>
public sealed class BulkTableTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_bulk_table_has_every_column_of_the_table(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var relational = db.Model.GetRelationalModel();
        Check(db, db.Table<BatchResultRow>(withGeneratedKey: true), generatedKey: null);
        Check(db, db.Table<DiscrepancyRow>(), generatedKey: "Id");
        Check(db, db.Table<ReviewCaseRow>(), generatedKey: "Id");
        Check(db, db.Table<CleanRecordRow>(), generatedKey: "Id");
        Check(db, db.Table<BatchFormRow>(), generatedKey: "Id");
        Check(db, db.Table<RegistryRecordRow>(), generatedKey: null);

        void Check<T>(ReconDbContext _, BulkTable<T> table, string? generatedKey) where T : class
        {
            var columns = relational.FindTable(table.Name, null)!.Columns.Select(c => c.Name).Where(c => c != generatedKey).Order();
            Assert.Equal(columns, table.Columns.Select(c => c.Name).Order());
        }
    }

    /// <summary>
    /// The writers bind each value by its typed call (<see cref="BulkTable{T}.WriteRow"/>): every column of every bulk
    /// table gives the value and the type <see cref="BulkColumn{T}.Value"/> gives (what the writers bound before), nulls
    /// included, in column order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public void Typed_writes_give_each_column_the_value_and_type_of_the_boxed_one(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Check(db.Table<BatchResultRow>(withGeneratedKey: true));
        Check(db.Table<DiscrepancyRow>());
        Check(db.Table<ReviewCaseRow>());
        Check(db.Table<CleanRecordRow>());
        Check(db.Table<BatchFormRow>());
        Check(db.Table<RegistryRecordRow>());
        Check(db.Table<CaseTallyRow>());

        static void Check<T>(BulkTable<T> table) where T : class
        {
            foreach (var row in new[] { Filled<T>(), Empty<T>() })
            {
                var sink = new RecordingSink();
                table.WriteRow(row, sink);
                Assert.Equal(table.Columns.Select(c => Shown(c.Value(row))), sink.Values);
            }
            // The filled row leaves no column null: each column's typed call is taken, not only its null.
            var filled = Filled<T>();
            Assert.All(table.Columns, c => Assert.NotNull(c.Value(filled)));
        }
    }

    /// <summary>A row whose every settable property (the person's too) holds a value other than its type's default.</summary>
    private static T Filled<T>() where T : class => (T)Fill(typeof(T));

    private static object Fill(Type type)
    {
        var row = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = target switch
            {
                _ when target == typeof(string) => "Lê Thị Ánh " + property.Name,
                _ when target == typeof(long) => 7_000_000_001L,
                _ when target == typeof(int) => 41,
                _ when target == typeof(double) => 0.8125,
                _ when target == typeof(bool) => true,
                _ when target == typeof(byte[]) => new byte[] { 0, 1, 254 },
                _ when target == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7)),
                _ when target.IsEnum => Enum.GetValues(target).GetValue(Enum.GetValues(target).Length - 1),
                _ when target == typeof(PersonColumns) => Fill(target),
                _ => null,
            };
            if (value is not null)
            {
                property.SetValue(row, value);
            }
        }
        return row;
    }

    /// <summary>A row as constructed, required members unset: its nullable columns null.</summary>
    private static T Empty<T>() where T : class
    {
        var row = Activator.CreateInstance<T>();
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite && !p.PropertyType.IsValueType && p.PropertyType != typeof(PersonColumns)))
        {
            property.SetValue(row, null);
        }
        return row;
    }

    /// <summary>A value with its type, bytes as hex (arrays compare by reference).</summary>
    private static string Shown(object? value) => value switch
    {
        null => "null",
        byte[] bytes => "byte[] " + Convert.ToHexString(bytes),
        _ => value.GetType().Name + " " + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed class RecordingSink : BulkRowSink
    {
        public List<string> Values { get; } = [];

        public override void Null() => Values.Add(Shown(null));
        public override void Text(string value) => Values.Add(Shown(value));
        public override void Int64(long value) => Values.Add(Shown(value));
        public override void Int32(int value) => Values.Add(Shown(value));
        public override void Double(double value) => Values.Add(Shown(value));
        public override void Boolean(bool value) => Values.Add(Shown(value));
        public override void Bytes(byte[] value) => Values.Add(Shown(value));
        public override void Other(object value) => Values.Add(Shown(value));
    }

    [Fact]
    public void Values_are_converted_as_the_model_says()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var at = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7));
        var row = new RegistryRecordRow { RecordId = "R1", Version = 7, UpdatedAt = at, Person = new PersonColumns { FullName = "Lê Thị Ánh", Gender = "female" } };
        var result = new BatchResultRow { Id = 41, BatchId = "b", FormId = "F1", FormRowId = 41, Status = MatchStatus.Review };

        using var records = Bulk.SqlServerBulkWriter.ToDataTable(db.Table<RegistryRecordRow>(), [row]);
        using var results = Bulk.SqlServerBulkWriter.ToDataTable(db.Table<BatchResultRow>(withGeneratedKey: true), [result]);

        Assert.Equal(at.UtcTicks, records.Rows[0]["UpdatedAt"]);
        Assert.Equal("Lê Thị Ánh", records.Rows[0]["FullName"]);
        Assert.Equal(DBNull.Value, records.Rows[0]["PersonalId"]);
        Assert.Equal(typeof(long), records.Columns["UpdatedAt"]!.DataType);
        Assert.Equal(41L, results.Rows[0]["Id"]);
        Assert.Equal((int)MatchStatus.Review, results.Rows[0]["Status"]);
    }

    [Fact]
    public void The_sql_server_upsert_merges_by_key_and_replaces_every_other_column()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var merge = Bulk.SqlServerBulkWriter.MergeSql(db.Table<RegistryRecordRow>(), "#staging_RegistryRecords");

        Assert.StartsWith("MERGE [RegistryRecords] WITH (HOLDLOCK) AS t USING #staging_RegistryRecords AS s ON t.\"RecordId\" = s.\"RecordId\" ", merge);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET \"OldId\" = s.\"OldId\", ", merge);
        Assert.Contains("\"FullName\" = s.\"FullName\"", merge);
        Assert.DoesNotContain("\"RecordId\" = s.\"RecordId\",", merge);
        Assert.EndsWith("WHEN NOT MATCHED THEN INSERT (\"RecordId\", \"OldId\", \"ResidenceProvince\", \"UpdatedAt\", \"Version\", \"BirthPlace\", \"DateOfBirth\", \"Ethnicity\", \"FatherName\", \"FullName\", \"Gender\", \"Hometown\", \"MotherName\", \"PermanentAddress\", \"PersonalId\") VALUES (s.\"RecordId\", s.\"OldId\", s.\"ResidenceProvince\", s.\"UpdatedAt\", s.\"Version\", s.\"BirthPlace\", s.\"DateOfBirth\", s.\"Ethnicity\", s.\"FatherName\", s.\"FullName\", s.\"Gender\", s.\"Hometown\", s.\"MotherName\", s.\"PermanentAddress\", s.\"PersonalId\");", merge);
    }

    [Fact]
    public void The_sql_server_count_merge_adds_by_key_and_inserts_the_rest()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var merge = Bulk.SqlServerBulkWriter.AddCountsSql(db.Table<CaseTallyRow>(), "#staging_CaseTallies", nameof(CaseTallyRow.Count));

        Assert.StartsWith("MERGE [CaseTallies] WITH (HOLDLOCK) AS t USING #staging_CaseTallies AS s ON t.\"BatchId\" = s.\"BatchId\" AND ", merge);
        Assert.Contains(" WHEN MATCHED AND s.\"Count\" <> 0 THEN UPDATE SET \"Count\" = t.\"Count\" + s.\"Count\" WHEN NOT MATCHED THEN INSERT (", merge);
    }

    /// <summary>A context of the provider through the repository's own configuration; no connection is opened.</summary>
    internal static ReconDbContext Context(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider }, provider switch
        {
            DatabaseProvider.SqlServer => "Server=127.0.0.1;Database=Unused;TrustServerCertificate=true",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=unused;Username=unused",
            _ => "Data Source=:memory:",
        });
        return new ReconDbContext(builder.Options);
    }
}
