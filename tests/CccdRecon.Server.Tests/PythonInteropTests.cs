using System.Diagnostics;
using System.Text.Json;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Server.Tests;

/// <summary>Skips, saying why, where no Python with the grpc module is installed.</summary>
public sealed class PythonGrpcFactAttribute : FactAttribute
{
    public PythonGrpcFactAttribute()
    {
        if (PythonInteropTests.Python is null)
        {
            Skip = "needs python3 with the grpc module (Debian: apt-get install python3-grpcio); `import grpc` failed";
        }
    }
}

/// <summary>A client not written in .NET (Python grpcio, hand-encoded messages) can use the service.</summary>
public sealed class PythonInteropTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private static readonly Lazy<string?> FoundPython = new(() =>
        new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(candidate => Run(candidate, ["-c", "import grpc"], out _) == 0));

    public static string? Python => FoundPython.Value;

    [PythonGrpcFact]
    public async Task Python_grpcio_checks_health_and_reconciles_a_form()
    {
        var record = Cast.Record(5000);
        await fixture.Server.ImportAsync([record]);
        var form = People.FormFor(record, "PY-1");
        var formJson = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["form_id"] = form.FormId, ["personal_id"] = form.PersonalId, ["full_name"] = form.FullName,
            ["date_of_birth"] = form.DateOfBirth, ["gender"] = form.Gender,
        });
        var script = Path.Combine(AppContext.BaseDirectory, "TestData", "interop_client.py");

        var token = fixture.Server.Token("python.client", [Core.Access.Roles.Upstream]);

        var exit = Run(Python!, [script, $"127.0.0.1:{fixture.Server.Port}", formJson, token], out var output);

        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("health").GetInt32());
        Assert.Equal("UNAUTHENTICATED", root.GetProperty("anonymous").GetString());
        Assert.Equal("PY-1", root.GetProperty("form_id").GetString());
        Assert.Equal((int)ReconciliationStatus.Clean, root.GetProperty("status").GetInt32());
        Assert.Equal(record.RecordId, root.GetProperty("record_id").GetString());
        Assert.Equal("INVALID_ARGUMENT", root.GetProperty("invalid").GetString());
        Assert.DoesNotContain(form.FullName, root.GetProperty("invalid_message").GetString());
    }

    private static int Run(string file, IEnumerable<string> arguments, out string output)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                output = "timed out";
                return -1;
            }
            output = process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result;
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
            return -1;
        }
    }
}
