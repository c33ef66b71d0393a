using System.Diagnostics;

namespace CccdRecon.Cli.Tests;

/// <summary>The built <c>cccdrecon</c> run as a process, as a user or a script runs it.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Batch_help_names_the_token_variable_and_never_shows_its_value()
    {
        const string secret = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.s1gnature";

        var (exit, output, errors) = await RunAsync(["batch", "--help"], new() { ["CCCDRECON_TOKEN"] = secret });

        Assert.Equal(0, exit);
        Assert.Contains("--token", output);
        Assert.Contains("CCCDRECON_TOKEN", output);
        Assert.DoesNotContain(secret, output + errors);
        Assert.DoesNotContain("s1gnature", output + errors);
    }

    /// <summary>Runs the CLI built beside the tests; returns its exit code and what it wrote.</summary>
    internal static async Task<(int Exit, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cccdrecon.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
