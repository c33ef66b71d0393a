using System.CommandLine;

namespace CccdRecon.Cli.Batch;

/// <summary>
/// <c>cccdrecon batch --server URL --registry R.csv --forms F.csv --out DIR</c>: the offline <c>reconcile</c>,
/// run on a CccdRecon server. Wire it with <c>root.Subcommands.Add(BatchCommand.Create());</c>.
/// </summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Server address, e.g. http://127.0.0.1:5080", Required = true };
        server.Validators.Add(result =>
        {
            if (!IsServerAddress(result.GetValueOrDefault<string>()))
            {
                result.AddError("--server must be an absolute http:// or https:// address, e.g. http://127.0.0.1:5080");
            }
        });
        var registry = new Option<FileInfo>("--registry") { Description = "registry.csv to import before the batch", Required = true };
        var forms = new Option<FileInfo>("--forms") { Description = "forms.csv to reconcile", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for results.csv, clean.csv, review.csv, rejected.csv, summary.json", Required = true };
        var command = new Command("batch", "Reconcile forms on a CccdRecon server; run it again to resume an interrupted batch.")
        {
            server, registry, forms, output,
        };
        command.SetAction((parse, cancellationToken) => new BatchClientJob(TimeProvider.System, Console.Out, Console.Error).RunAsync(
            new BatchClientRequest(new Uri(parse.GetValue(server)!), parse.GetValue(registry)!.FullName, parse.GetValue(forms)!.FullName, parse.GetValue(output)!.FullName),
            cancellationToken));
        return command;
    }

    private static bool IsServerAddress(string? text)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
