using System.Diagnostics;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Data;
using CccdRecon.Data.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.ConsoleBench;

/// <summary>
/// A database with CASES review cases, written in SQL (recursive CTEs over a small table of names with their sort keys):
/// 20 batches of CASES/20 forms, results (85 % to review, 10 % not found, 5 % ambiguous) with a realistic explanation,
/// their flags, the cases (one in ten resolved, one in a thousand claimed), one decision per resolved case, the tallies,
/// and a registry of 100,000 records the links point to. Twelve batches belong to unit 05443 (60 % of the cases), the
/// others to eight other units, so the benchmark's reviewer has 600,000 cases at a million.
/// </summary>
internal static class Seeder
{
    public const string Unit = "05443";
    private const int Batches = 20;
    private const int RegistrySize = 100_000;

    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Quốc", "Hữu", "Thị Thu", "Văn Hoàng"];
    private static readonly string[] Givens = ["An", "Anh", "Bảo", "Bình", "Chi", "Cường", "Dũng", "Dung", "Đạt", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoà", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phương", "Quang", "Quý", "Sơn", "Tâm", "Thảo", "Thành", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Xuân", "Yến"];

    // The wards of Thái Nguyên city (the 2025 map kept their names): forms spread over them, one in four keyed without
    // diacritics and abbreviated, so cases by commune has many communes and spellings to group.
    private static readonly string[] Wards = ["Hoàng Văn Thụ", "Phan Đình Phùng", "Trưng Vương", "Quang Trung", "Đồng Quang", "Túc Duyên", "Gia Sàng",
        "Tân Thịnh", "Quán Triều", "Quang Vinh", "Tân Long", "Thịnh Đán", "Tân Lập", "Phú Xá", "Trung Thành", "Tân Thành", "Cam Giá", "Hương Sơn",
        "Tích Lương", "Đồng Bẩm", "Chùa Hang", "Quyết Thắng", "Thịnh Đức", "Tân Cương", "Phúc Hà"];

    private static readonly (string Field, string Kind)[] Flags =
    [
        ("full_name", "missing_middle_name"), ("date_of_birth", "lunar_date"), ("personal_id", "digit_typo"), ("full_name", "spelling"),
        ("mother_name", "spelling"), ("date_of_birth", "day_month_swapped"), ("father_name", "spelling"), ("date_of_birth", "year_off_by_one"),
    ];

    public static async Task<int> RunAsync(string path, int cases)
    {
        var watch = Stopwatch.StartNew();
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"{path} exists: remove it first");
            return 1;
        }
        var options = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseOptions(), $"Data Source={path}");
        await using (var db = new ReconDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }
        Console.WriteLine($"migrated in {watch.Elapsed.TotalSeconds:0.0} s");

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecAsync(connection, "CREATE TEMP TABLE seed_names (id INTEGER PRIMARY KEY, full_name TEXT, sort_key TEXT)");
        var names = (from s in Surnames from m in Middles from g in Givens select $"{s} {m} {g}").ToList();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO seed_names (id, full_name, sort_key) VALUES ($id, $name, $key)";
            var (id, name, key) = (insert.Parameters.Add("$id", SqliteType.Integer), insert.Parameters.Add("$name", SqliteType.Text), insert.Parameters.Add("$key", SqliteType.Text));
            for (var i = 0; i < names.Count; i++)
            {
                (id.Value, name.Value, key.Value) = (i, names[i], NameOrder.Storable(NameOrder.SortKey(names[i]), 256));
                await insert.ExecuteNonQueryAsync();
            }
        }
        await ExecAsync(connection, "CREATE TEMP TABLE seed_wards (id INTEGER PRIMARY KEY, plain TEXT, folded TEXT)");
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO seed_wards (id, plain, folded) VALUES ($id, $plain, $folded)";
            var (id, plain, folded) = (insert.Parameters.Add("$id", SqliteType.Integer), insert.Parameters.Add("$plain", SqliteType.Text), insert.Parameters.Add("$folded", SqliteType.Text));
            for (var i = 0; i < Wards.Length; i++)
            {
                (id.Value, plain.Value, folded.Value) = (i, Wards[i], VietnameseText.Fold(Wards[i]).Replace('đ', 'd'));
                await insert.ExecuteNonQueryAsync();
            }
        }
        var n = names.Count;
        var perBatch = cases / Batches;
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var units = Enumerable.Range(0, Batches).Select(b => b < 12 ? Unit : $"054{46 + b - 12:D2}").ToList();
        for (var b = 0; b < Batches; b++)
        {
            await ExecAsync(connection, $"""
                INSERT INTO Batches (Id, DisplayName, FormsHash, Unit, State, FormCount, ReceivedCount, ProcessedCount, CleanCount, ReviewCount, NoMatchCount, AmbiguousCount, CreatedAt, StartedAt, CompletedAt)
                VALUES ('bench{b:D2}', 'bench {b}', '', '{units[b]}', 3, {perBatch}, {perBatch}, {perBatch}, 0, {perBatch * 17 / 20}, {perBatch / 10}, {perBatch / 20}, {now}, {now}, {now})
                """);
        }
        await ExecAsync(connection, $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {RegistrySize - 1})
            INSERT INTO RegistryRecords (RecordId, OldId, PersonalId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName, UpdatedAt)
            SELECT printf('R%07d', i), NULL, printf('0190%02d%06d', i % 100, i), s.full_name, printf('%04d-%02d-%02d', 1940 + i % 80, 1 + i % 12, 1 + i % 28),
                   CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, 'Thái Nguyên', 'Xã Tân Cương, TP. Thái Nguyên', 'Kinh',
                   printf('Số %d phố Lương Ngọc Quyến, TP. Thái Nguyên', i % 300), 'Nguyễn Văn Thành', 'Trần Thị Lan', {now}
            FROM n JOIN seed_names s ON s.id = i % {n}
            """);
        Console.WriteLine($"registry of {RegistrySize:N0} in {watch.Elapsed.TotalSeconds:0.0} s");

        var explanation = ExplanationJson.Write(new MatchExplanation(10.0,
        [
            new FieldEvidence("full_name", "middle_name", 10.3, "middle name missing on the form"), new FieldEvidence("date_of_birth", "lunar_date", 9.1, "date comparison: LunarDate"),
            new FieldEvidence("gender", "agree", 1.0, ""), new FieldEvidence("personal_id", "equal", 22.2, "digits: Equal"),
            new FieldEvidence("birth_place", "agree", 6.1, ""), new FieldEvidence("father_name", "agree", 13.2, "exact"),
            new FieldEvidence("mother_name", "spelling", 1.5, "one tone differs"), new FieldEvidence("permanent_address", "not_compared", 0, "not compared"),
        ], [new CandidateScore("R0000001", 1.0, 63.4, ["PersonalId", "NameDate"])], "matched at 1.000 ≥ 0.900; 2 field(s) differ in substance"));
        // The form's name, scrambled so that it does not follow i % 20 (which sets the case's kind and flags): with
        // i % names, every name would have one kind (names × kinds correlated), and a filter on a kind would find its
        // first page only far down the name order.
        var nameOf = $"(i * 40503 / 13) % {n}";
        var cte = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {cases})";
        var batchOf = $"printf('bench%02d', (i - 1) / {perBatch})";
        // Status by i % 20: 0 ambiguous, 1-2 not found, the rest to review. Stored numbers: MatchStatus Review 1, NoMatch 2, Ambiguous 3.
        var status = "CASE WHEN i % 20 = 0 THEN 3 WHEN i % 20 IN (1, 2) THEN 2 ELSE 1 END";
        await ExecAsync(connection, $"""
            {cte}
            INSERT INTO BatchForms (Id, BatchId, FormId, PersonalId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName)
            SELECT i, {batchOf}, printf('F%07d', i), printf('0190%02d%06d', (i % {RegistrySize}) % 100, i % {RegistrySize}), s.full_name,
                   printf('%02d/%02d/%04d', 1 + i % 28, 1 + i % 12, 1940 + i % 80), CASE WHEN i % 2 = 0 THEN 'Nam' ELSE 'Nữ' END, 'Thái Nguyên',
                   'Xã Tân Cương, TP. Thái Nguyên', 'Kinh',
                   CASE WHEN i % 4 = 3 THEN printf('To %d, P. %s, TP Thai Nguyen', i % 40, w.folded)
                        ELSE printf('Tổ %d, phường %s, TP. Thái Nguyên', i % 40, w.plain) END, 'Nguyễn Văn Thành', 'Trần Thị Lan'
            FROM n JOIN seed_names s ON s.id = {nameOf} JOIN seed_wards w ON w.id = (i * 7919 / 3) % {Wards.Length}
            """);
        Console.WriteLine($"forms in {watch.Elapsed.TotalSeconds:0.0} s");
        await using (var results = connection.CreateCommand())
        {
            results.CommandText = $"""
                {cte}
                INSERT INTO BatchResults (Id, BatchId, FormId, FormRowId, Status, RecordId, Score, NormalizationsJson, ExplanationJson)
                SELECT i, {batchOf}, printf('F%07d', i), i, {status}, CASE WHEN i % 20 IN (1, 2) THEN NULL ELSE printf('R%07d', i % {RegistrySize}) END,
                       CASE WHEN i % 20 = 0 THEN 0.5 ELSE 1.0 END, '[]', $explanation
                FROM n
                """;
            results.Parameters.AddWithValue("$explanation", explanation);
            await results.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"results in {watch.Elapsed.TotalSeconds:0.0} s");
        var flagCase = string.Join(" ", Flags.Select((f, k) => $"WHEN {k} THEN '{f.Field}'"));
        var kindCase = string.Join(" ", Flags.Select((f, k) => $"WHEN {k} THEN '{f.Kind}'"));
        var flagKinds = string.Join(" ", Flags.Select((f, k) => $"WHEN {k} THEN '{f.Field}:{f.Kind}'"));
        // A flag per case to review, a second (another field) for every third.
        foreach (var (offset, every) in new[] { (0, 1), (3, 3) })
        {
            await ExecAsync(connection, $"""
                {cte}
                INSERT INTO Discrepancies (ResultId, Field, Kind, FormValue, RegistryValue, Suggestion, Reason)
                SELECT i, CASE (i / 20 + {offset}) % {Flags.Length} {flagCase} END, CASE (i / 20 + {offset}) % {Flags.Length} {kindCase} END,
                       'giá trị trên phiếu', 'giá trị hộ tịch', 'giá trị hộ tịch', 'bench'
                FROM n WHERE i % 20 > 2 AND i % {every} = 0
                """);
        }
        Console.WriteLine($"flags in {watch.Elapsed.TotalSeconds:0.0} s");
        await ExecAsync(connection, $"""
            {cte}
            INSERT INTO ReviewCases (Id, ResultId, BatchId, FormId, State, ClaimedBy, ClaimedAt, CreatedAt, ResolvedAt, Version, Kind, Unit, SortKey, RecordId, Link, LinkId, Flags)
            SELECT i, i, {batchOf}, printf('F%07d', i), CASE WHEN i % 10 = 5 THEN 3 ELSE 1 END,
                   CASE WHEN i % 1000 = 7 THEN 'bench.other' END, CASE WHEN i % 1000 = 7 THEN {now} END, {now},
                   CASE WHEN i % 10 = 5 THEN {now} END, 0,
                   CASE WHEN i % 20 = 0 THEN 2 WHEN i % 20 IN (1, 2) THEN 3 ELSE 1 END,
                   CASE WHEN (i - 1) / {perBatch} < 12 THEN '{Unit}' ELSE printf('054%02d', 46 + (i - 1) / {perBatch} - 12) END,
                   s.sort_key, CASE WHEN i % 20 > 2 THEN printf('R%07d', i % {RegistrySize}) END, NULL, NULL,
                   CASE WHEN i % 20 > 2 THEN
                       (CASE (i / 20) % {Flags.Length} {flagKinds} END)
                       || CASE WHEN i % 3 = 0 THEN ';' || (CASE (i / 20 + 3) % {Flags.Length} {flagKinds} END) ELSE '' END
                   ELSE '' END
            FROM n JOIN seed_names s ON s.id = {nameOf}
            """);
        Console.WriteLine($"cases in {watch.Elapsed.TotalSeconds:0.0} s");
        await ExecAsync(connection, $"""
            INSERT INTO FieldDecisions (CaseId, Field, Action, Value, Reviewer, DecidedAt, Note, LinkId, BulkId)
            SELECT c.Id, d.Field, 1, NULL, 'bench.reviewer', {now}, NULL, NULL, NULL
            FROM ReviewCases c JOIN Discrepancies d ON d.ResultId = c.ResultId WHERE c.State = 3
            """);
        foreach (var sql in CccdRecon.Data.Migrations.ReviewConsoleData.Up.Where(s => s.Contains("CaseTallies", StringComparison.Ordinal)))
        {
            await ExecAsync(connection, sql);
        }
        await transaction.CommitAsync();
        await ExecAsync(connection, "ANALYZE; PRAGMA optimize;");
        Console.WriteLine($"{cases:N0} cases seeded in {watch.Elapsed.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1_048_576:N0} MB)");
        return 0;
    }

    internal static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
