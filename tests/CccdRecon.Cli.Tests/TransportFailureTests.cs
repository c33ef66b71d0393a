using System.Net.Sockets;
using CccdRecon.Cli.Batch;
using CccdRecon.Cli.Files;
using Grpc.Core;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// Issue 12 point 10: however the connection to the server breaks, `cccdrecon batch` says "the server went away" and
/// exits 3, which scripts retry. A kill during an upload surfaces as gRPC's UNAVAILABLE or, when the request stream is
/// being written at that moment, as the transport's own exception, bare or wrapped: both are transport failures. The
/// process test (BatchCommandTests.Killing_the_server_during_the_upload_...) hits whichever the timing gives; these
/// cases pin each shape.
/// </summary>
public sealed class TransportFailureTests
{
    public static TheoryData<string, Exception> ConnectionLost => new()
    {
        { "request stream written as the connection drops", new IOException("The request was aborted.", new IOException("The response ended prematurely.")) },
        { "server not listening", new HttpRequestException("Connection refused (127.0.0.1:5193)", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection reset", new SocketException((int)SocketError.ConnectionReset) },
        { "wrapped by a task", new AggregateException(new IOException("Broken pipe")) },
        { "wrapped by another exception", new InvalidOperationException("write failed", new HttpRequestException("An error occurred while sending the request.")) },
        { "gRPC's status", new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.")) },
        { "gRPC's status for a reset stream", new RpcException(new Status(StatusCode.Internal, "Error starting gRPC call.")) },
    };

    [Theory]
    [MemberData(nameof(ConnectionLost))]
    public void A_broken_connection_of_any_shape_is_a_transport_failure(string what, Exception failure)
        => Assert.True(BatchClientJob.IsTransportFailure(failure), what);

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.FailedPrecondition)]
    public void A_refusal_by_the_server_is_not(StatusCode code)
        => Assert.False(BatchClientJob.IsTransportFailure(new RpcException(new Status(code, "refused"))));

    /// <summary>
    /// A full disk while the results are written is the local file's failure, said in one line that names the file,
    /// and not "the server went away" (exit 3), which scripts retry: before LocalFileStream the write's bare
    /// IOException was classed as a lost connection.
    /// </summary>
    [DevFullFact]
    public void A_full_disk_is_the_files_failure_not_the_connections()
    {
        var failure = Assert.Throws<CliInputException>(() =>
        {
            using var writer = new StreamWriter(LocalFileStream.Create("/dev/full", "/out/results.csv"));
            writer.Write(new string('x', 1 << 20));
        });
        Assert.StartsWith("cannot write /out/results.csv:", failure.Message);
        Assert.False(BatchClientJob.IsTransportFailure(failure));
    }

    [Fact]
    public void A_missing_input_file_is_named_in_one_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-forms-" + Guid.NewGuid().ToString("N") + ".csv");
        var failure = Assert.Throws<CliInputException>(() => LocalFileStream.OpenRead(missing));
        Assert.StartsWith($"cannot open {missing}:", failure.Message);
        Assert.False(BatchClientJob.IsTransportFailure(failure));
    }
}

/// <summary>Skips, saying why, where there is no /dev/full (a device on which every write fails: a full disk on demand).</summary>
public sealed class DevFullFactAttribute : FactAttribute
{
    public DevFullFactAttribute()
    {
        if (!File.Exists("/dev/full"))
        {
            Skip = "needs /dev/full (Linux): every write to it fails with ENOSPC, as on a full disk";
        }
    }
}
