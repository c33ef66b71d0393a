extern alias server;

using CccdRecon.Cli.Batch;
using CccdRecon.Cli.Reconcile;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Core.Matching;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using server::CccdRecon.Server.Hosting;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Same files, same decisions (issue 13): the committed sample province reconciled offline (<c>reconcile</c>) and as a
/// batch through the server (<c>batch</c>) gives byte-identical result files. The two paths are compared with each
/// other, never with fixed numbers, so the test holds whatever the engine decides.
/// </summary>
public sealed class SameDecisionsTests : IDisposable
{
    /// <summary>
    /// Fewer forms than the sample province has (1,922), so which forms make the sample matters: both paths must take
    /// the same first ones. The chunks are smaller than the file, so the server's chunking and paging are crossed.
    /// </summary>
    private const int TrainingSample = 500;

    private static readonly string[] SameFiles = ["results.csv", "clean.csv", "review.csv"];

    private readonly string _work = Directory.CreateTempSubdirectory("cccdrecon-same-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Offline_and_through_the_server_the_same_files_give_byte_identical_results()
    {
        var samples = Path.Combine(RepositoryFiles.Root(), "samples");
        var (registry, forms) = (Path.Combine(samples, "registry.csv"), Path.Combine(samples, "forms.csv"));
        var offline = Path.Combine(_work, "offline");
        var online = Path.Combine(_work, "online");

        new ReconcileJob(TimeProvider.System, showProgress: false)
            .Run(new ReconcileRequest(registry, forms, offline) { TrainingSample = TrainingSample });

        await using var server = await ServerProcess.StartNewAsync(
            $"Batch:TrainingSample={TrainingSample}", "Batch:ChunkSize=300", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.100");
        var request = new BatchClientRequest(new Uri(server.Address), registry, forms, online)
        {
            ShowProgress = false,
            PerMessage = 400,
            Unit = People.Unit,
            Token = server.Token("same.files", [Roles.Registry, Roles.Batch, Roles.Intake]),
        };
        var errors = new StringWriter();
        var exit = await new BatchClientJob(TimeProvider.System, new StringWriter(), errors).RunAsync(request);
        Assert.True(exit == BatchExitCode.Done, errors.ToString());

        foreach (var name in SameFiles)
        {
            var (expected, actual) = (File.ReadAllText(Path.Combine(offline, name)), File.ReadAllText(Path.Combine(online, name)));
            Assert.True(File.ReadLines(Path.Combine(offline, name)).Skip(1).Any(), $"{name} offline has no rows: nothing compared");
            Assert.True(expected == actual, $"{name} differs from the offline run's: first at line {FirstDifferentLine(expected, actual)}");
        }
    }

    [Fact]
    public void Both_paths_train_on_the_same_number_of_forms_by_default()
    {
        Assert.Equal(Reconciler.DefaultTrainingSample, new ReconcileRequest("r", "f", "o").TrainingSample);
        Assert.Equal(Reconciler.DefaultTrainingSample, new BatchOptions().TrainingSample);
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var (a, b) = (expected.Split('\n'), actual.Split('\n'));
        var line = 0;
        while (line < Math.Min(a.Length, b.Length) && a[line] == b[line])
        {
            line++;
        }
        return line + 1;
    }
}
