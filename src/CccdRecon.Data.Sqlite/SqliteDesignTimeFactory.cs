using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CccdRecon.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for SQLite, so migrations land in this assembly.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ReconDbContext>
{
    public ReconDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, "Data Source=:memory:");
        return new ReconDbContext(builder.Options);
    }
}
