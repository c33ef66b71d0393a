namespace CccdRecon.Server.Hosting;

/// <summary>
/// The server will not start, for a reason the operator can fix (an exposed plain-HTTP address, no token authority, a
/// database another server holds or that fails its integrity check). Program prints the message as one line and exits
/// with <see cref="ServerCommandLine.Refused"/>, with no stack trace.
/// </summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
