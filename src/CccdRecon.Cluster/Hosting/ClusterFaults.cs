using Orleans.Serialization;
using Polly;

namespace CccdRecon.Cluster.Hosting;

/// <summary>
/// What a call across the grain boundary can fail with, and which failures are worth repeating. Shared by the router's
/// calls (<see cref="Routing.ClusterCalls"/>) and a client host's start (<see cref="ClusterStartRetry"/>).
/// </summary>
public static class ClusterFaults
{
    /// <summary>
    /// Which exceptions Orleans' exception codec carries across the grain boundary (type, message, stack, inner): every
    /// one. By default only System, Microsoft and Azure types are, and any other thrown on a silo reached the caller as a
    /// <c>CodecNotFoundException</c> instead of itself — Orleans' own placement pipeline (Polly) throws
    /// <c>Polly.Timeout.TimeoutRejectedException</c> when a placement outlasts <c>SiloMessagingOptions.PlacementTimeout</c>
    /// under heavy load, which killed a cluster-mode server at start; a silo reading PostgreSQL throws Npgsql's. A receiver
    /// that cannot or may not load the type still gets Orleans' <see cref="UnavailableExceptionFallbackException"/> naming it.
    /// Cluster members are one deployment; exception messages carry no personal data here (they name partitions, counts
    /// and types).
    /// </summary>
    public static void CarryEveryException(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SupportedExceptionTypeFilter = type => typeof(Exception).IsAssignableFrom(type);
    }

    /// <summary>
    /// A failure a repeated call may not meet: a silo lost or not yet declared dead, a message rejected or timed out, a
    /// gateway not reachable yet, a placement that timed out under load (Polly's rejection, as itself or as the fallback
    /// naming it). Only for calls that may safely run twice (reads, the publish at start).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException => true,
        System.Net.Sockets.SocketException => true,
        ExecutionRejectedException => true,
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType?.StartsWith("Polly.", StringComparison.Ordinal) == true,
        _ => false,
    };

    /// <summary>A failure in one line with no personal data: its type and the first line of its message.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception is UnavailableExceptionFallbackException { ExceptionType: { } original } ? original : exception.GetType().FullName;
        var message = exception.Message.Split('\n', 2)[0].Trim();
        return $"{type}: {message}";
    }
}
