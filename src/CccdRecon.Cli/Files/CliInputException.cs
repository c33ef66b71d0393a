namespace CccdRecon.Cli.Files;

/// <summary>
/// A command cannot go on because of its input or output files (a missing column, a file with no readable row, an
/// output folder that cannot be written): the message is the one line printed after <c>error:</c>, never a stack trace.
/// </summary>
internal sealed class CliInputException(string message) : Exception(message);
