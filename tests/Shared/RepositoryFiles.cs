namespace CccdRecon.Testing;

/// <summary>Files of the repository the tests read (the sample set, the committed SQL Server script), found from the test's output folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder that holds CccdRecon.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CccdRecon.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CccdRecon.sln not found above the test output folder");
    }

    /// <summary>The committed idempotent migration script for SQL Server.</summary>
    public static string SqlServerMigrationScript() => Path.Combine(Root(), "src", "CccdRecon.Data.SqlServer", "Scripts", "migrate.sql");
}
