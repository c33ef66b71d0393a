using System.Text.Json;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>
/// The server's runtime settings (its runtimeconfig, copied beside the tests from its build): methods compiled once,
/// fully optimised (a batch runs the same hot paths for minutes right after a start, and tiered compilation compiled
/// them twice: ≈ a fifth of a 400k import's CPU), and the collector's settings the ≤ 4 GB bound at 1.3 M rests on.
/// </summary>
public sealed class RuntimeConfigTests
{
    [NoDatabaseFact]
    public void The_server_compiles_each_method_once_and_keeps_its_collector_settings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CccdRecon.Server.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(8, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
        Assert.Equal(256 * 1024 * 1024, properties.GetProperty("System.GC.Gen0Size").GetInt64());
    }
}
