using Google.Rpc;
using Grpc.Core;

namespace CccdRecon.Server.Tests.Infrastructure;

public static class Rpc
{
    /// <summary>Awaits a call that must fail with <paramref name="code"/>; returns the rich status (AIP-193).</summary>
    public static async Task<Google.Rpc.Status> FailsWith(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == ex.StatusCode, $"expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        return ex.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException("no google.rpc.Status in the trailers");
    }

    public static IReadOnlyList<string> ViolatedFields(this Google.Rpc.Status status)
        => status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    public static string Reason(this Google.Rpc.Status status) => status.GetDetail<ErrorInfo>()?.Reason ?? "";

    /// <summary>The services server reflection lists on this channel.</summary>
    public static async Task<List<string>> ReflectedServicesAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        using var call = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var names = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            names.AddRange(response.ListServicesResponse.Service.Select(s => s.Name));
        }
        return names;
    }
}
