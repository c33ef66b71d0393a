using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CccdRecon.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef</c> build the context for PostgreSQL, so migrations land in this assembly. The connection string
/// is never opened at design time (migrations need only the model).
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<ReconDbContext>
{
    public ReconDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql },
            "Host=localhost;Database=cccdrecon;Username=cccdrecon");
        return new ReconDbContext(builder.Options);
    }
}
