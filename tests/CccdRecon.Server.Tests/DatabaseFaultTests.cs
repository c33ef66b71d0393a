using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace CccdRecon.Server.Tests;

/// <summary>
/// The embedded database under faults: two servers on one file, the file deleted, replaced or damaged under a running
/// server, a damaged file at start, and the files' modes.
/// </summary>
public sealed class DatabaseFaultTests
{
    [SqliteFact]
    public async Task A_second_server_on_the_same_database_refuses_to_start_and_the_first_keeps_serving()
    {
        await using var first = await ServerProcess.StartNewAsync();
        var second = new ServerProcess(first.DataDirectory);
        await using var _ = second;

        var exit = await second.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        var refusal = Assert.Single(second.LatestStartOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("is in use by another process", refusal);
        Assert.DoesNotContain(second.Output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var record = Cast.Record(9800);
        await first.ImportAsync([record]);
        Assert.Equal(record.PersonalId, (await first.Registry.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId })).Record.PersonalId);
    }

    [SqliteFact(UnixOnly = true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_wal_and_shm_are_readable_by_their_owner_only()
    {
        var server = new ServerProcess();
        await using var _ = server;
        await server.StartAsync();
        await server.ImportAsync(Enumerable.Range(9810, 5).Select(Cast.Record));

        foreach (var file in new[] { server.DatabasePath, server.DatabasePath + "-wal", server.DatabasePath + "-shm" })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // A database left world-readable by an older version is tightened at the next start.
        await server.TerminateAsync(TimeSpan.FromSeconds(60));
        File.SetUnixFileMode(server.DatabasePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await server.StartAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.DatabasePath));
    }

    [SqliteFact]
    public async Task A_database_deleted_under_a_running_server_stops_it_serving_instead_of_dropping_writes()
    {
        await using var server = await ServerProcess.StartNewAsync();
        await server.ImportAsync([Cast.Record(9820)]);

        foreach (var file in new[] { server.DatabasePath, server.DatabasePath + "-wal", server.DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        await AssertStopsServingAsync(server);
        Assert.False(File.Exists(server.DatabasePath), "no empty database was created in its place");
    }

    [SqliteFact]
    public async Task A_database_replaced_under_a_running_server_stops_it_serving()
    {
        await using var server = await ServerProcess.StartNewAsync();
        await server.ImportAsync([Cast.Record(9830)]);
        var impostor = server.DatabasePath + ".other";
        File.Copy(server.DatabasePath, impostor);

        File.Move(impostor, server.DatabasePath, overwrite: true);

        await AssertStopsServingAsync(server);
    }

    [SqliteFact]
    public async Task A_database_overwritten_under_a_running_server_stops_it_serving()
    {
        await using var server = await ServerProcess.StartNewAsync();
        await server.ImportAsync([Cast.Record(9840)]);

        await using (var file = new FileStream(server.DatabasePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(Random(1024 * 1024, seed: 1));
        }

        await AssertStopsServingAsync(server);
    }

    [SqliteTheory]
    [InlineData(0)]      // the header: not a database at all
    [InlineData(8192)]   // every page after the first two: tables and indexes
    public async Task A_damaged_database_is_refused_at_start_in_one_line(int from)
    {
        var server = new ServerProcess();
        await using var _ = server;
        await server.StartAsync();
        await server.ImportAsync(Enumerable.Range(10_000, 1500).Select(Cast.Record));
        // A graceful stop checkpoints the write-ahead log into the file, so the damage below is all there is.
        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.False(File.Exists(server.DatabasePath + "-wal"));
        var length = new FileInfo(server.DatabasePath).Length;
        Assert.True(length > from + 65536, $"database of {length} bytes");
        await using (var file = new FileStream(server.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = from;
            file.Write(Random((int)Math.Min(1024 * 1024, length - from), seed: from));
        }

        var exit = await server.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        var refusal = Assert.Single(server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("fails its integrity check", refusal);
        Assert.Contains("Restore it from a backup", refusal);
        Assert.DoesNotContain(server.Output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    /// <summary>Health goes NOT_SERVING, every call is UNAVAILABLE naming the database, and the loss is logged once, as critical.</summary>
    private static async Task AssertStopsServingAsync(ServerProcess server)
    {
        var health = new Health.HealthClient(server.Channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = ServingStatus.Serving;
        while (DateTime.UtcNow < deadline && (status = (await health.CheckAsync(new HealthCheckRequest())).Status) == ServingStatus.Serving)
        {
            await Task.Delay(100);
        }
        Assert.Equal(ServingStatus.NotServing, status);

        var write = await Rpc.FailsWith(StatusCode.Unavailable, () => server.ImportAsync([Cast.Record(9899)]));
        Assert.Equal("DATABASE_UNAVAILABLE", write.Reason());
        var online = await Rpc.FailsWith(StatusCode.Unavailable,
            () => server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.Stranger("DB-1") }).ResponseAsync);
        Assert.Equal("DATABASE_UNAVAILABLE", online.Reason());
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        var errors = ServerLog.Errors(server.Output);
        Assert.True(errors.Count == 1, "expected one critical line, got:\n" + string.Join("\n", errors));
        Assert.StartsWith("crit:", errors[0]);
        Assert.Contains("The database is lost", errors[0]);
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>Skips on Windows, saying why: file modes and signals are Unix matters.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only: file modes and POSIX signals";
        }
    }
}
