namespace CccdRecon.Server.Tests.Infrastructure;

/// <summary>Reads the server's console log (the default formatter: <c>fail: Category[id]</c> then indented lines).</summary>
public static class ServerLog
{
    /// <summary>The error and critical entries, with the line after each (the message), so a failure shows what was logged.</summary>
    public static List<string> Errors(string output)
    {
        var lines = output.Split('\n');
        var errors = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal))
            {
                errors.Add(lines[i].TrimEnd() + (i + 1 < lines.Length ? " | " + lines[i + 1].Trim() : ""));
            }
        }
        return errors;
    }
}
