using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CccdRecon.Data.SqlServer;

/// <summary>
/// Lets <c>dotnet ef</c> build the context for SQL Server, so migrations land in this assembly. The connection
/// string is never opened at design time (migrations and scripts need only the model).
/// </summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<ReconDbContext>
{
    public ReconDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.SqlServer },
            "Server=localhost;Database=CccdRecon;Integrated Security=true;TrustServerCertificate=true");
        return new ReconDbContext(builder.Options);
    }
}
