using System.CommandLine;
using CccdRecon.Cli.Token;

namespace CccdRecon.Cli.Batch;

/// <summary>
/// <c>cccdrecon batch --server URL --unit CODE --registry R.csv --forms F.csv --out DIR [--token T]</c>: the offline
/// <c>reconcile</c>, run on a CccdRecon server. The token (or <c>CCCDRECON_TOKEN</c>) needs the roles
/// recon.registry, recon.batch and recon.intake, or recon.admin.
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
        var unit = new Option<string>("--unit") { Description = "Administrative unit code (2, 3 or 5 digits) the batch belongs to", Required = true };
        unit.Validators.Add(result =>
        {
            if (!Core.Places.UnitCodes.IsValid(result.GetValueOrDefault<string>()))
            {
                result.AddError($"--unit must be {Core.Places.UnitCodes.Rule}, e.g. 05443");
            }
        });
        // No default value: help would print it, and the token is a secret. The variable is read when the command runs.
        var token = new Option<string?>("--token")
        {
            Description = $"Bearer token (default: the {ServerChannel.TokenVariable} variable; `cccdrecon token` makes one for a development server)",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bars" };
        var command = new Command("batch", "Reconcile forms on a CccdRecon server; run it again to resume an interrupted batch.")
        {
            server, unit, registry, forms, output, token, quiet,
        };
        command.SetAction((parse, cancellationToken) => new BatchClientJob(TimeProvider.System, Console.Out, Console.Error).RunAsync(
            new BatchClientRequest(new Uri(parse.GetValue(server)!), parse.GetValue(registry)!.FullName, parse.GetValue(forms)!.FullName, parse.GetValue(output)!.FullName)
            {
                Unit = parse.GetValue(unit)!,
                Token = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(ServerChannel.TokenVariable),
                ShowProgress = !parse.GetValue(quiet),
            },
            cancellationToken));
        return command;
    }

    private static bool IsServerAddress(string? text)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
