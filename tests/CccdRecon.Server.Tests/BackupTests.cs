using CccdRecon.Cli.Backup;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Microsoft.Data.Sqlite;

namespace CccdRecon.Server.Tests;

/// <summary><c>cccdrecon backup</c> against a server that is writing, and the restore docs/service.md describes.</summary>
public sealed class BackupTests
{
    [SqliteFact]
    public async Task A_backup_taken_while_a_batch_is_written_is_consistent_and_restores_to_a_working_server()
    {
        var server = new ServerProcess(null, "Batch:ChunkSize=5", "Batch:PauseBetweenChunks=00:00:00.020", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        await using var _ = server;
        await server.StartAsync();
        var records = Enumerable.Range(11_000, 300).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(batch.BatchId, records.Select((r, i) => People.FormFor(r, $"B-{i:D3}")));
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch.ProcessedCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // While the processor commits a chunk every few milliseconds.
        var copy = Path.Combine(server.DataDirectory, "backup.db");
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(BackupJob.Done, new BackupJob(output, errors).Run(new BackupRequest(server.DatabasePath, copy)));
        Assert.Empty(errors.ToString());
        Assert.Contains("integrity checked", output.ToString());
        Assert.Equal(BackupJob.BadInput, new BackupJob(output, errors).Run(new BackupRequest(server.DatabasePath, copy)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));
        }
        Assert.Empty(Directory.GetFiles(server.DataDirectory, ".backup.db.partial-*"));

        // One moment of the database: the batch's counter and its results agree, as in every committed state.
        long processed, results, imported;
        await using (var backup = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            await backup.OpenAsync();
            processed = Scalar(backup, $"SELECT ProcessedCount FROM Batches WHERE Id = '{batch.BatchId}'");
            results = Scalar(backup, $"SELECT count(*) FROM BatchResults WHERE BatchId = '{batch.BatchId}'");
            imported = Scalar(backup, "SELECT count(*) FROM RegistryRecords");
        }
        Assert.Equal(processed, results);
        Assert.InRange(processed, 1, records.Count);
        Assert.Equal(records.Count, imported);

        // Restore as documented: stop the server, put the copy in the database's place (without -wal and -shm), start.
        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(60)));
        foreach (var file in new[] { server.DatabasePath, server.DatabasePath + "-wal", server.DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
        File.Move(copy, server.DatabasePath);
        await server.StartAsync();

        Assert.Equal(records[^1].PersonalId, (await server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[^1].RecordId })).Record.PersonalId);
        var done = (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];
        Assert.Equal((BatchState.Succeeded, (long)records.Count), (done.State, done.ProcessedCount));
        Assert.Equal(records.Count, (await server.AllResultsAsync(batch.BatchId, pageSize: 500)).Select(r => r.FormId).Distinct().Count());
        var trail = await server.Audit.ListEventsAsync(new ListEventsRequest { Action = "registry.import_records", PageSize = 1000 });
        Assert.NotEmpty(trail.Events);
    }

    [SqliteFact]
    public void A_missing_database_is_refused_and_nothing_is_created()
    {
        var folder = Directory.CreateTempSubdirectory("cccdrecon-backup-").FullName;
        try
        {
            var errors = new StringWriter();
            var missing = Path.Combine(folder, "cccdrecon.db");

            var exit = new BackupJob(new StringWriter(), errors).Run(new BackupRequest(missing, Path.Combine(folder, "copy.db")));

            Assert.Equal(BackupJob.BadInput, exit);
            Assert.StartsWith("error: no database at", errors.ToString());
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
