using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Errors;

/// <summary>What a failed write means, whatever the provider.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;
    private const string SqlStateUniqueViolation = "23505";

    /// <summary>
    /// The write broke a unique key, i.e. another writer inserted the same key first (SQLite 2067/1555, SQL Server
    /// 2601/2627, SQLSTATE 23505 for providers that report one, such as PostgreSQL). Only these become ABORTED: any
    /// other failure is a fault.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => IsUniqueViolation((Exception)exception);

    /// <summary>The same, for a failed command or bulk copy as well as a failed save.</summary>
    public static bool IsUniqueViolation(Exception exception) => (exception as DbException ?? exception.InnerException) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException sql => sql.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint,
        DbException db => db.SqlState == SqlStateUniqueViolation,
        _ => false,
    };
}
