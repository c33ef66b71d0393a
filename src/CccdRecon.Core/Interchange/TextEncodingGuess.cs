using System.Text;
using System.Text.Unicode;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// What a file that is not UTF-8 text looks like, for the error that says so: UTF-16, binary data, or which 8-bit
/// Vietnamese encoding its words read as (Windows-1258, TCVN3/ABC, VNI), judged by how many of its non-ASCII words become
/// syllables of Vietnamese names in each reading. The interchange files must be UTF-8 (docs/interchange.md).
/// </summary>
public static class TextEncodingGuess
{
    /// <summary>How much of a file is looked at.</summary>
    public const int SampleBytes = 64 * 1024;

    private const int Windows1258 = 1258;
    private const int Windows1252 = 1252;

    /// <summary>Reads the start of the file and describes it (null when it is UTF-8 text).</summary>
    public static string? DescribeFile(string path)
    {
        var buffer = new byte[SampleBytes];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        return Describe(buffer.AsSpan(0, read));
    }

    /// <summary>
    /// A description such as "Windows-1258 (Vietnamese ANSI)" of bytes that are not UTF-8 text, or null when they are
    /// (a character cut at the end of the sample is ignored).
    /// </summary>
    public static string? Describe(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith<byte>([0xFF, 0xFE]) || sample.StartsWith<byte>([0xFE, 0xFF]) || LooksLikeUtf16(sample))
        {
            return "UTF-16 (what Excel calls \"Unicode text\")";
        }
        if (LooksBinary(sample))
        {
            return "binary data, not text (is it the right file?)";
        }
        if (Utf8.IsValid(WithoutCutCharacter(sample)))
        {
            return null;
        }
        var codePages = CodePagesEncodingProvider.Instance;
        var asWindows1258 = codePages.GetEncoding(Windows1258)!.GetString(sample);
        var asWindows1252 = codePages.GetEncoding(Windows1252)!.GetString(sample);
        var readings = new (string Name, int Syllables)[]
        {
            ("Windows-1258 (Vietnamese ANSI, as Excel saves \"CSV\" on a Vietnamese Windows)", LegacyVietnamese.NameSyllableCount(asWindows1258, LegacyEncoding.None)),
            ("TCVN3 (ABC), the old Vietnamese font encoding", LegacyVietnamese.NameSyllableCount(asWindows1252, LegacyEncoding.Tcvn3)),
            ("VNI Windows, the old Vietnamese font encoding", LegacyVietnamese.NameSyllableCount(asWindows1252, LegacyEncoding.Vni)),
        };
        var best = readings.MaxBy(r => r.Syllables);
        return best.Syllables > 0 ? best.Name : "an 8-bit encoding, not UTF-8 (perhaps Windows-1252)";
    }

    /// <summary>Every other byte zero in the first bytes: UTF-16 without a byte order mark.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> sample)
    {
        var head = sample[..Math.Min(sample.Length, 512)];
        if (head.Length < 8)
        {
            return false;
        }
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if (i % 2 == 0) evenZeros++; else oddZeros++;
            }
        }
        var half = head.Length / 2;
        return evenZeros > half * 0.8 || oddZeros > half * 0.8;
    }

    /// <summary>Zero bytes or many control characters: no CSV text has them.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> sample)
    {
        var controls = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0B and not 0x0C)
            {
                controls++;
            }
        }
        return controls > sample.Length / 100;
    }

    /// <summary>The sample without a UTF-8 sequence cut off at its end.</summary>
    private static ReadOnlySpan<byte> WithoutCutCharacter(ReadOnlySpan<byte> sample)
    {
        for (var back = 1; back <= Math.Min(3, sample.Length); back++)
        {
            var b = sample[^back];
            if (b < 0x80)
            {
                return sample;
            }
            if (b >= 0xC0)
            {
                return sample[..^back];
            }
        }
        return sample;
    }
}
