using System.Reflection;
using System.Text.Json;
using Grpc.Core;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// The CLI runs on the plain .NET runtime (issue 12, point 16): it needs no ASP.NET Core, because Contracts holds only
/// messages and client stubs.
/// </summary>
public sealed class RuntimeTests
{
    [Fact]
    public void The_cli_asks_for_the_dotnet_runtime_only()
    {
        var configs = RuntimeConfigs().ToList();
        Assert.NotEmpty(configs);
        foreach (var path in configs)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var options = json.RootElement.GetProperty("runtimeOptions");
            var frameworks = options.TryGetProperty("frameworks", out var several)
                ? several.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList()
                : [options.GetProperty("framework").GetProperty("name").GetString()];
            Assert.True(frameworks.SequenceEqual(["Microsoft.NETCore.App"]), $"{path} asks for {string.Join(", ", frameworks)}");
        }
    }

    [Fact]
    public void Contracts_holds_clients_and_messages_and_nothing_of_a_server()
    {
        var contracts = typeof(Contracts.V1.BatchService).Assembly;

        var references = contracts.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(contracts.GetTypes(), t => t.GetCustomAttribute<BindServiceMethodAttribute>() is not null);
        Assert.NotNull(typeof(Contracts.V1.BatchService.BatchServiceClient));
    }

    /// <summary>The CLI's runtimeconfig in its own build output (same configuration as the tests) and the copy beside the tests.</summary>
    private static IEnumerable<string> RuntimeConfigs()
    {
        const string name = "cccdrecon.runtimeconfig.json";
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        if (File.Exists(Path.Combine(here.FullName, name)))
        {
            yield return Path.Combine(here.FullName, name);
        }
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CccdRecon.sln")))
        {
            root = root.Parent;
        }
        var own = root is null ? null : Path.Combine(root.FullName, "src", "CccdRecon.Cli", "bin", here.Parent!.Name, here.Name, name);
        if (own is not null && File.Exists(own))
        {
            yield return own;
        }
    }
}
