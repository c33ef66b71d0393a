using System.Text.RegularExpressions;

namespace CccdRecon.Data.Migrations;

/// <summary>
/// The data part of the <c>ReviewConsole</c> migration, the same standard SQL for every provider (each provider's
/// migration runs it after its schema changes): cases of earlier versions get their kind, unit and linked record and lose
/// the stored "claimed" state (a claim is now its columns, so it can lapse); every result that needs a person and had no
/// case (ambiguous and unmatched forms) gets one; the queue's counters are counted once. Sort keys are Core's collation,
/// which SQL cannot compute: <c>ReviewStore.UpgradeAsync</c> fills them at start.
/// </summary>
public static partial class ReviewConsoleData
{
    // Stored numbers: MatchStatus NoMatch = 2, Ambiguous = 3; CaseKind Differences = 1, Ambiguous = 2, NoMatch = 3;
    // ReviewCaseState Open = 1, Claimed = 2, Resolved = 3.
    public static IReadOnlyList<string> Up { get; } =
    [
        "UPDATE ReviewCases SET State = 1 WHERE State = 2",
        "UPDATE ReviewCases SET Kind = 1",
        "UPDATE ReviewCases SET Unit = COALESCE((SELECT b.Unit FROM Batches b WHERE b.Id = ReviewCases.BatchId), '')",
        "UPDATE ReviewCases SET RecordId = (SELECT r.RecordId FROM BatchResults r WHERE r.Id = ReviewCases.ResultId)",
        """
        INSERT INTO ReviewCases (ResultId, BatchId, FormId, State, CreatedAt, Version, Kind, Unit, SortKey)
        SELECT r.Id, r.BatchId, r.FormId, 1, b.CreatedAt, 0, CASE WHEN r.Status = 3 THEN 2 ELSE 3 END, b.Unit, ''
        FROM BatchResults r JOIN Batches b ON b.Id = r.BatchId
        WHERE r.Status IN (2, 3) AND NOT EXISTS (SELECT 1 FROM ReviewCases c WHERE c.ResultId = r.Id)
        """,
        """
        INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
        SELECT c.BatchId, c.Kind, c.State, '', '', COUNT(*) FROM ReviewCases c GROUP BY c.BatchId, c.Kind, c.State
        """,
        """
        INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
        SELECT c.BatchId, c.Kind, c.State, d.Field, d.Kind, COUNT(*)
        FROM ReviewCases c JOIN Discrepancies d ON d.ResultId = c.ResultId
        GROUP BY c.BatchId, c.Kind, c.State, d.Field, d.Kind
        """,
        // Every counter has its open and resolved twin, so reviewers only ever increment existing rows.
        """
        INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
        SELECT t.BatchId, t.Kind, 4 - t.State, t.Field, t.DiffKind, 0 FROM CaseTallies t
        WHERE NOT EXISTS (SELECT 1 FROM CaseTallies u WHERE u.BatchId = t.BatchId AND u.Kind = t.Kind AND u.State = 4 - t.State
            AND u.Field = t.Field AND u.DiffKind = t.DiffKind)
        """,
    ];

    /// <summary>
    /// A statement as SQL Server runs it in the idempotent script: compiled when it runs (EXEC), after the columns it
    /// names were added, rather than when its batch is parsed.
    /// </summary>
    public static string Deferred(string sql) => "EXEC(N'" + sql.Replace("'", "''", StringComparison.Ordinal) + "');";

    /// <summary>
    /// A statement as PostgreSQL runs it: every table and column name quoted, since PostgreSQL folds unquoted names to
    /// lower case and EF Core created them quoted. The names are the PascalCase words; the statements above write every
    /// SQL keyword in capitals and every alias in lower case, so neither is touched.
    /// </summary>
    public static string Quoted(string sql) => PascalCaseName().Replace(sql, "\"$0\"");

    [GeneratedRegex(@"\b[A-Z][a-z][A-Za-z]*\b")]
    private static partial Regex PascalCaseName();
}
