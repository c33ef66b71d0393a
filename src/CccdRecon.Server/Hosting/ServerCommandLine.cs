using System.Text.Json;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// The server's command line, checked before anything starts: <c>--help</c> prints the usage and exits 0 whatever else
/// is given; every other argument must be a setting (<c>--Section:Key=value</c> or <c>--Section:Key value</c>) of a known
/// section, given once. ASP.NET Core's own reader would take <c>--help --urls X</c> as the setting <c>help</c> with the
/// value <c>--urls</c> and start on the default address, ignore a stray word, and fail with a stack trace on <c>-x</c>.
/// </summary>
internal static class ServerCommandLine
{
    public const int Refused = 2;

    /// <summary>The host's own keys and the server's sections; the top-level keys of appsettings.json are added to these.</summary>
    private static readonly string[] BuiltInSections =
    [
        "urls", "http_ports", "https_ports", "environment", "contentRoot", "applicationName", "shutdownTimeoutSeconds",
        "detailedErrors", "suppressStatusMessages", "preventHostingStartup", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies",
        "Logging", "Kestrel", "AllowedHosts", "HostOptions", "ConnectionStrings",
        "Database", "Limits", "Batch", "Matching", "Auth", "Transport", "Console", "Metrics", "Telemetry", "Cluster",
    ];

    private static readonly string[] HelpSwitches = ["--help", "-h", "-?", "/?", "/h", "/help"];

    /// <summary>Null to go on and start; otherwise the exit code, the usage or the refusal having been written.</summary>
    public static int? Check(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => HelpSwitches.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            output.Write(Usage);
            return 0;
        }
        if (Problem(args, KnownSections()) is { } problem)
        {
            errors.WriteLine($"error: {problem} (run with --help for the usage)");
            return Refused;
        }
        return null;
    }

    /// <summary>What is wrong with the arguments, or null: each is a setting of a known section, given once, with a value.</summary>
    internal static string? Problem(IReadOnlyList<string> args, ISet<string> sections)
    {
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var prefixed = arg.StartsWith("--", StringComparison.Ordinal) ? 2 : arg.StartsWith('/') ? 1 : 0;
            if (prefixed == 0 && arg.StartsWith('-'))
            {
                return $"unknown option {arg}";
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (prefixed == 0 && equals <= 0)
            {
                return $"unexpected argument '{arg}': settings are --Section:Key=value";
            }
            var key = (equals > 0 ? arg[prefixed..equals] : arg[prefixed..]).Trim();
            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && !args[i + 1].StartsWith('/'))
            {
                value = args[++i];
            }
            else
            {
                return $"{arg} needs a value ({arg}=VALUE or {arg} VALUE)";
            }
            if (key.Length == 0)
            {
                return $"'{arg}' names no setting";
            }
            var section = key.Split(':')[0];
            if (!sections.Contains(section))
            {
                return $"unknown setting {key}: sections are {string.Join(", ", sections.Order(StringComparer.OrdinalIgnoreCase))}";
            }
            if (given.TryGetValue(key, out var earlier) && earlier != value)
            {
                return $"the setting {key} is given twice with different values";
            }
            given[key] = value;
        }
        return null;
    }

    private static HashSet<string> KnownSections()
    {
        var sections = new HashSet<string>(BuiltInSections, StringComparer.OrdinalIgnoreCase);
        var appsettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(appsettings))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(appsettings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var property in json.RootElement.EnumerateObject())
            {
                sections.Add(property.Name);
            }
        }
        return sections;
    }

    private const string Usage = """
        CccdRecon server: the reconciliation service over gRPC (HTTP/2).

        Usage: CccdRecon.Server [--Section:Key=value | --Section:Key value]...
               CccdRecon.Server --help

        Every setting of appsettings.json can be given on the command line, as an environment variable (Limits__MaxPageSize=500)
        or in appsettings.json. The most used:
          --urls http://127.0.0.1:5080                    where to listen (plain HTTP/2 on loopback only; TLS: Kestrel:Endpoints)
          --ConnectionStrings:Recon="Data Source=data/cccdrecon.db"   the SQLite database (one server per database file)
          --Database:Provider=Sqlite|SqlServer            the storage provider
          --Auth:Authority=URL --Auth:Audience=NAME       the OpenID Connect issuer of the tokens (required outside Development)
          --Limits:...  --Batch:...  --Matching:...       limits, batch processing, the matching engine
          --Cluster:Enabled=true --Cluster:...            cluster mode: Reconcile through Orleans silos (docs/cluster.md)
          --shutdownTimeoutSeconds=30                     how long a stop waits for calls and the chunks in flight

        The server runs until stopped (Ctrl+C or SIGTERM: it finishes the work in flight and exits 0).
        Exit codes: 0 stopped normally or --help, 2 refused to start (a bad argument or setting, the database locked by
        another server or failing its integrity check), other: a fault.
        Documentation: docs/service.md (settings, health, backup), docs/security.md (tokens, TLS).

        """;
}
