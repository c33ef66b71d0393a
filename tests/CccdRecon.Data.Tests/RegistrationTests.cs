using CccdRecon.Data.Audit;
using CccdRecon.Data.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CccdRecon.Data.Tests;

public sealed class RegistrationTests
{
    /// <summary>The gRPC services and the console both add the stores to one host: it still has one audit trail and one writer.</summary>
    [Fact]
    public void Adding_the_stores_twice_gives_one_of_each()
    {
        var services = new ServiceCollection();

        services.AddReconStores();
        services.AddReconStores();

        Assert.Single(services, d => d.ServiceType == typeof(AuditTrail));
        Assert.Single(services, d => d.ServiceType == typeof(ReviewStore));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
