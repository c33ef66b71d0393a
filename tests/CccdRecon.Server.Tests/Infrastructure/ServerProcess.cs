using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CccdRecon.Cli.Token;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CccdRecon.Server.Tests.Infrastructure;

/// <summary>The service clients on one channel (one caller's token).</summary>
public interface IServerClients
{
    RegistryService.RegistryServiceClient Registry { get; }
    ReconciliationService.ReconciliationServiceClient Reconciliation { get; }
    BatchService.BatchServiceClient Batches { get; }
    ReviewService.ReviewServiceClient Review { get; }
    IntakeService.IntakeServiceClient Intake { get; }
    AuditService.AuditServiceClient Audit { get; }
}

/// <summary>The clients of a caller with its own token; dispose to close the channel.</summary>
public sealed class ServerClients(GrpcChannel channel) : IServerClients, IDisposable
{
    public GrpcChannel Channel => channel;
    public RegistryService.RegistryServiceClient Registry => new(channel);
    public ReconciliationService.ReconciliationServiceClient Reconciliation => new(channel);
    public BatchService.BatchServiceClient Batches => new(channel);
    public ReviewService.ReviewServiceClient Review => new(channel);
    public IntakeService.IntakeServiceClient Intake => new(channel);
    public AuditService.AuditServiceClient Audit => new(channel);

    public void Dispose() => channel.Dispose();
}

/// <summary>
/// The real server as a child process (<c>dotnet CccdRecon.Server.dll --urls ...</c>): Kestrel on a free loopback
/// port speaking HTTP/2, a real database of its own (<see cref="TestDatabase"/>: a SQLite file in its temp folder, or a
/// PostgreSQL database named after that folder). Kill() is a hard kill, as a crash would be.
/// It runs in Development by default, so it signs its own tokens: the clients here carry an admin token
/// (subject <see cref="AdminSubject"/>) and <see cref="As"/> makes clients for any other caller.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable, IServerClients
{
    public const string AdminSubject = "test.admin";

    private readonly StringBuilder _output = new();
    private readonly List<ServerClients> _callers = [];
    private Process? _process;
    private GrpcChannel? _channel;

    /// <param name="dataDirectory">The working directory (with the database); null: a new temp folder, deleted on dispose.
    /// A folder given here is left in place (another server of the test may own it).</param>
    public ServerProcess(string? dataDirectory = null, params string[] settings)
    {
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("cccdrecon-server-").FullName;
        Settings = settings;
    }

    private readonly bool _ownsData;

    /// <summary>The SQLite database the server is started on.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "recon.db");

    public string DataDirectory { get; }
    public IReadOnlyList<string> Settings { get; }
    public int Port { get; private set; }
    public string Address => $"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}";

    /// <summary>The review console's own port (plain HTTP/1.1 on loopback), unless the settings name its address.</summary>
    public int ConsolePort { get; private set; }

    /// <summary>Chooses each port the test picks (the gRPC port, then the console's): a free one unless a test says otherwise.</summary>
    internal Func<int> ChoosePort { get; init; } = FreePort;

    public string ConsoleAddress => $"http://127.0.0.1:{ConsolePort}";

    /// <summary>DOTNET_ENVIRONMENT of the child: Development signs its own tokens, Production needs an authority.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>When set, the server listens over HTTPS with this certificate (and the clients trust only it).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The host in <c>--urls</c> (the clients always call 127.0.0.1).</summary>
    public string ListenHost { get; init; } = "127.0.0.1";

    /// <summary>Pass <c>--urls</c> (false: the settings name the endpoints themselves).</summary>
    public bool PassUrls { get; init; } = true;

    /// <summary>Mints a development token, signed with the key the server created in its data folder.</summary>
    public string Token(string subject, IEnumerable<string> roles, IEnumerable<string>? units = null, TimeSpan? lifetime = null, TimeProvider? time = null)
    {
        var path = Path.Combine(DataDirectory, DevelopmentSigningKey.DefaultPath);
        if (!DevelopmentSigningKey.TryLoad(path, out var key, out var problem))
        {
            throw new InvalidOperationException(problem);
        }
        return TokenMinter.Mint(key, new TokenRequest(subject, roles.ToList(), (units ?? []).ToList(), lifetime ?? TimeSpan.FromHours(1)), time ?? TimeProvider.System);
    }

    /// <summary>Clients calling with a token for <paramref name="subject"/> with one role and the given units.</summary>
    public ServerClients As(string subject, string role, params string[] units) => WithToken(Token(subject, [role], units));

    /// <summary>Clients sending this token as is (null: none).</summary>
    public ServerClients WithToken(string? token)
    {
        var clients = new ServerClients(ServerChannel.Create(new Uri(Address), token, Handler()));
        _callers.Add(clients);
        return clients;
    }

    /// <summary>Trusts the test's own certificate only, by thumbprint.</summary>
    private HttpMessageHandler Handler()
    {
        var handler = new SocketsHttpHandler();
        if (Certificate is { } certificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        }
        return handler;
    }
    /// <summary>Everything every start of this server printed (stdout and stderr), in order.</summary>
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>
    /// What the latest attempt to start printed: a start retried after losing its port to another process
    /// (<see cref="StartAsync"/>) leaves the lost attempt's "address already in use" refusal in <see cref="Output"/>, and
    /// a test counting the refusal's lines must not count that one (seen in CI: two <c>error:</c> lines).
    /// </summary>
    public string LatestStartOutput { get { lock (_output) { return _output.ToString(_latestStart, _output.Length - _latestStart); } } }

    private int _latestStart;

    /// <summary>Waits until the server's log satisfies <paramref name="condition"/> (fails the test after <paramref name="timeout"/>).</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Output))
        {
            if (DateTime.UtcNow > deadline || HasExited)
            {
                throw new TimeoutException($"the server's log never showed {what}:\n{Output}");
            }
            await Task.Delay(5);
        }
    }
    public bool HasExited => _process?.HasExited ?? true;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");
    public AuditService.AuditServiceClient Audit => new(Channel);
    public RegistryService.RegistryServiceClient Registry => new(Channel);
    public ReconciliationService.ReconciliationServiceClient Reconciliation => new(Channel);
    public BatchService.BatchServiceClient Batches => new(Channel);
    public ReviewService.ReviewServiceClient Review => new(Channel);
    public IntakeService.IntakeServiceClient Intake => new(Channel);

    /// <summary>The server's own build output, next to the repository's sources (same configuration as the tests).</summary>
    public static string ServerDll
    {
        get
        {
            var baseDir = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = baseDir.Parent!.Name; // .../bin/<Configuration>/net10.0/
            var root = baseDir;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CccdRecon.sln")))
            {
                root = root.Parent;
            }
            if (root is null)
            {
                throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
            }
            var dll = Path.Combine(root.FullName, "src", "CccdRecon.Server", "bin", configuration, baseDir.Name, "CccdRecon.Server.dll");
            return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "CccdRecon.Server.dll");
        }
    }

    public static async Task<ServerProcess> StartNewAsync(params string[] settings)
    {
        var server = new ServerProcess(null, settings);
        try
        {
            await server.StartAsync();
        }
        catch
        {
            // A server that never became healthy must not outlive the test (it would load the machine for the rest).
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Starts (or restarts, on the same database) and waits until grpc.health.v1 says SERVING.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        // FreePort() lets go of the port it found before the server binds it: on a busy machine another process (a
        // server of another test, or of another checkout) can take it in between, and the server exits with code 2.
        // Such a start is tried again on new ports. An address a test named itself is never retried: refusing it is
        // what such a test checks.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(timeout);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && LostChosenPort())
            {
                // Lost the race for a port this class chose: choose again.
            }
        }
    }

    private bool _consolePortChosen;

    private bool LostChosenPort()
    {
        bool Taken(int port) => Output.Contains($"127.0.0.1:{port}: address already in use", StringComparison.Ordinal);
        return _process is { HasExited: true, ExitCode: 2 } && (((PassUrls || Certificate is not null) && Taken(Port)) || (_consolePortChosen && Taken(ConsolePort)));
    }

    private async Task StartOnceAsync(TimeSpan? timeout)
    {
        lock (_output)
        {
            _latestStart = _output.Length;
        }
        Port = ChoosePort();
        _consolePortChosen = false;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        if (Certificate is not null)
        {
            var pfx = Path.Combine(DataDirectory, "server.pfx");
            await File.WriteAllBytesAsync(pfx, Certificate.Export(X509ContentType.Pfx, "test"));
            start.ArgumentList.Add($"--Kestrel:Endpoints:Https:Url={Address}");
            start.ArgumentList.Add($"--Kestrel:Endpoints:Https:Certificate:Path={pfx}");
            start.ArgumentList.Add("--Kestrel:Endpoints:Https:Certificate:Password=test");
        }
        else if (PassUrls)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://{ListenHost}:{Port}");
        }
        if (Environment == "Development" && !Settings.Any(s => s.StartsWith("Console:Urls=", StringComparison.Ordinal)))
        {
            // Every test server has its own console port (the Development default, 5081, would be shared); elsewhere
            // the console is off unless a test names it.
            ConsolePort = ChoosePort();
            _consolePortChosen = true;
            start.ArgumentList.Add($"--Console:Urls={ConsoleAddress}");
        }
        // The assembly's database (SQLite or PostgreSQL): one of the folder's own, shared by servers of the same folder.
        start.ArgumentList.Add($"--Database:Provider={TestDatabase.Provider}");
        start.ArgumentList.Add($"--ConnectionStrings:Recon={await TestDatabase.ConnectionStringAsync(DataDirectory)}");
        if (!Settings.Any(s => s.StartsWith("Logging:LogLevel:Default=", StringComparison.Ordinal)))
        {
            // The server refuses a setting given twice with different values: a test's own level replaces this one.
            start.ArgumentList.Add("--Logging:LogLevel:Default=Information");
        }
        foreach (var setting in Settings)
        {
            start.ArgumentList.Add("--" + setting);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = Environment;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = Environment;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        _channel?.Dispose();
        // Health is open: the admin token is minted once the server has created its key.
        var anonymous = ServerChannel.Create(new Uri(Address), null, Handler());
        _channel = anonymous;
        var health = new Health.HealthClient(anonymous);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // The parameterless wait also waits for the redirected output to be read to its end.
                _process.WaitForExit();
                throw new InvalidOperationException($"server exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    if (File.Exists(Path.Combine(DataDirectory, DevelopmentSigningKey.DefaultPath)))
                    {
                        _channel = ServerChannel.Create(new Uri(Address), Token(AdminSubject, [Roles.Admin], lifetime: TimeSpan.FromHours(4)), Handler());
                        anonymous.Dispose();
                    }
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        // Not healthy in time: stop it here, whoever owns this instance (a caller that did not keep it cannot dispose it).
        Kill();
        throw new TimeoutException($"server did not become healthy:\n{Output}");
    }

    /// <summary>Starts the process and waits for it to exit (for servers that must refuse to start).</summary>
    public async Task<int> RunToExitAsync(TimeSpan timeout)
    {
        try
        {
            await StartAsync(timeout);
        }
        catch (InvalidOperationException)
        {
            return _process!.ExitCode;
        }
        throw new InvalidOperationException("server started although it should not have");
    }

    /// <summary>
    /// A graceful stop, as a service manager does it: SIGTERM, then waits for the process to exit; returns its exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(0, SendSignal(process.Id, Sigterm));
        }
        else
        {
            process.CloseMainWindow();
        }
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>A hard kill (SIGKILL): no graceful shutdown, as in a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _callers.ForEach(c => c.Dispose());
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            if (_ownsData)
            {
                await TestDatabase.DropAsync(DataDirectory);
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One server shared by the tests of a class (each test uses its own batch and ids).</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.100");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
