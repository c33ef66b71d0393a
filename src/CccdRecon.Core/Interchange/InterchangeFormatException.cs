namespace CccdRecon.Core.Interchange;

/// <summary>
/// The file as a whole cannot be read (no header row, or a required column missing), so no row of it is read.
/// The message names the problem and the column, never a value.
/// </summary>
public sealed class InterchangeFormatException : Exception
{
    public InterchangeFormatException(string message)
        : base(message)
    {
    }

    public InterchangeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
