using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Bytes that are not a protobuf message: the caller is authenticated before its message is parsed, and a malformed
/// message is the caller's mistake (INVALID_ARGUMENT), never a stack trace in the server's log.
/// </summary>
public sealed class MalformedRequestTests
{
    // Field 1, length-delimited, claiming 4 GiB that never come: a truncated message for every request type.
    private static readonly byte[] Garbage = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static Method<byte[], byte[]> RawMethod(MethodType type, string service, string name) => new(type, service, name, Raw, Raw);

    [NoDatabaseFact]
    public async Task A_malformed_message_is_unauthenticated_without_a_token_invalid_with_one_and_never_a_stack_trace()
    {
        await using var server = await ServerProcess.StartNewAsync();
        var reconcile = RawMethod(MethodType.Unary, "cccdrecon.v1.ReconciliationService", "Reconcile");
        var addForms = RawMethod(MethodType.ClientStreaming, "cccdrecon.v1.BatchService", "AddForms");
        var anonymous = server.WithToken(null).Channel.CreateCallInvoker();
        var admin = server.Channel.CreateCallInvoker();

        // Without a token the message is never read: UNAUTHENTICATED, as for a well-formed one.
        var refused = await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.AsyncUnaryCall(reconcile, null, new CallOptions(), Garbage).ResponseAsync);
        Assert.Equal("TOKEN_MISSING", refused.Reason());
        using (var stream = anonymous.AsyncClientStreamingCall(addForms, null, new CallOptions()))
        {
            await stream.RequestStream.SendAllAsync([Garbage]);
            Assert.Equal("TOKEN_MISSING", (await Rpc.FailsWith(StatusCode.Unauthenticated, () => stream.ResponseAsync)).Reason());
        }

        // With a token, the unreadable message is INVALID_ARGUMENT, unary or streamed.
        var invalid = await Rpc.FailsWith(StatusCode.InvalidArgument, () => admin.AsyncUnaryCall(reconcile, null, new CallOptions(), Garbage).ResponseAsync);
        Assert.Equal("MALFORMED_MESSAGE", invalid.Reason());
        using (var stream = admin.AsyncClientStreamingCall(addForms, null, new CallOptions()))
        {
            await stream.RequestStream.SendAllAsync([Garbage]);
            Assert.Equal("MALFORMED_MESSAGE", (await Rpc.FailsWith(StatusCode.InvalidArgument, () => stream.ResponseAsync)).Reason());
        }

        // The service still answers, and the log holds no error and no stack trace for the client's mistakes.
        var record = Cast.Record(9700);
        await server.ImportAsync([record]);
        Assert.Empty(ServerLog.Errors(server.Output));
        Assert.DoesNotContain(server.Output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
