using System.CommandLine;

namespace CccdRecon.Cli.Backup;

/// <summary><c>cccdrecon backup [--database data/cccdrecon.db] --out FILE</c>: an online, consistent copy of the server's SQLite database.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var database = new Option<FileInfo>("--database")
        {
            Description = "The server's SQLite database (default: ./data/cccdrecon.db, where a server started in this folder keeps it)",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("data", "cccdrecon.db")),
        };
        var output = new Option<FileInfo>("--out") { Description = "The copy to write (a new file; owner-only)", Required = true };
        var command = new Command("backup", "Copy the server's SQLite database while it runs: consistent, checked, owner-only (restore: docs/service.md)")
        {
            database, output,
        };
        command.SetAction(parse => new BackupJob(Console.Out, Console.Error).Run(new BackupRequest(parse.GetValue(database)!.FullName, parse.GetValue(output)!.FullName)));
        return command;
    }
}
