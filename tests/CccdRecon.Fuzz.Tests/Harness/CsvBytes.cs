using System.Text;

namespace CccdRecon.Fuzz.Tests.Harness;

/// <summary>
/// Generates CSV input as bytes: seed files mutated byte by byte (bit flips, invalid UTF-8, stray and nested quotes,
/// line breaks, splices, repeats, truncations), rows of hostile cells under a real header, pure random bytes, and
/// now and then a field of up to 1 MB, around the reader's 1 MiB record limit.
/// </summary>
internal static class CsvBytes
{
    private const int HugeOneIn = 2_000;

    private static readonly byte[][] Interesting =
    [
        "\""u8.ToArray(), "\"\""u8.ToArray(), "\"\"\""u8.ToArray(), ",\""u8.ToArray(), "\","u8.ToArray(), ","u8.ToArray(), ",,"u8.ToArray(),
        "\r"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\n\n"u8.ToArray(), "\"\n"u8.ToArray(), "\n\""u8.ToArray(),
        [0x00], [0xFF], [0xFE], [0x80], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80],
        [0xEF, 0xBB, 0xBF], [0xC2, 0xA0], [0xCC, 0x81], [0x1B], [0x7F], "\t"u8.ToArray(), " "u8.ToArray(),
        "form_id"u8.ToArray(), "full_name"u8.ToArray(), "record_id"u8.ToArray(), "status"u8.ToArray(), "score"u8.ToArray(),
    ];

    public static byte[] Next(Random rng, byte[][] seeds, string[] values)
    {
        if (rng.Next(HugeOneIn) == 0)
        {
            return HugeField(rng, seeds);
        }

        return rng.Next(100) switch
        {
            < 5 => seeds[rng.Next(seeds.Length)],
            < 50 => Mutate(rng, seeds[rng.Next(seeds.Length)], seeds, rng.Next(1, 9)),
            < 75 => HostileRows(rng, seeds, values),
            < 85 => Splice(rng, seeds),
            _ => RandomBytes(rng, rng.Next(0, 300)),
        };
    }

    public static byte[] Mutate(Random rng, byte[] seed, byte[][] seeds, int count)
    {
        var bytes = new List<byte>(seed);
        for (var m = 0; m < count; m++)
        {
            var at = rng.Next(bytes.Count + 1);
            switch (rng.Next(8))
            {
                case 0 when bytes.Count > 0:
                    var i = Math.Min(at, bytes.Count - 1);
                    bytes[i] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                case 2:
                    bytes.InsertRange(at, Interesting[rng.Next(Interesting.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    var start = Math.Min(at, bytes.Count - 1);
                    bytes.RemoveRange(start, rng.Next(1, Math.Min(64, bytes.Count - start) + 1));
                    break;
                case 4 when bytes.Count > 0:
                    var from = Math.Min(at, bytes.Count - 1);
                    var piece = bytes.GetRange(from, rng.Next(1, Math.Min(80, bytes.Count - from) + 1));
                    for (var t = rng.Next(1, 20); t > 0; t--) bytes.InsertRange(from, piece);
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 6:
                    var other = seeds[rng.Next(seeds.Length)];
                    var otherFrom = rng.Next(other.Length + 1);
                    bytes.InsertRange(at, other.AsSpan(otherFrom, rng.Next(other.Length - otherFrom + 1)).ToArray());
                    break;
                default:
                    var noise = new byte[rng.Next(1, 8)];
                    rng.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A seed's header, then rows of generated cells with random quoting and line endings.</summary>
    public static byte[] HostileRows(Random rng, byte[][] seeds, string[] values)
    {
        var seed = seeds[rng.Next(seeds.Length)];
        var text = new StringBuilder(Encoding.UTF8.GetString(HeaderLine(seed)));
        var columns = text.ToString().Count(c => c == ',') + 1;
        for (var row = rng.Next(0, 8); row > 0; row--)
        {
            var cells = rng.Next(4) == 0 ? rng.Next(0, columns + 3) : columns;
            for (var c = 0; c < cells; c++)
            {
                if (c > 0) text.Append(',');
                var value = rng.Next(3) == 0 ? "" : Strings.Next(rng, values, huge: false);
                text.Append(rng.Next(3) switch
                {
                    0 => value,
                    1 => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
                    _ => "\"" + value, // quoting left open, or closed by whatever follows
                });
            }

            text.Append(rng.Next(3) switch { 0 => "\r\n", 1 => "\r", _ => "\n" });
        }

        // Lone surrogates become U+FFFD here; invalid UTF-8 comes from the byte mutations.
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Splice(Random rng, byte[][] seeds)
    {
        var a = seeds[rng.Next(seeds.Length)];
        var b = seeds[rng.Next(seeds.Length)];
        return [.. a.AsSpan(0, rng.Next(a.Length + 1)), .. b.AsSpan(rng.Next(b.Length + 1))];
    }

    public static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A real header and a row whose one field is up to 1.1 MB, quoted, unquoted or never closed, then a good row.</summary>
    public static byte[] HugeField(Random rng, byte[][] seeds)
    {
        var header = HeaderLine(seeds[rng.Next(seeds.Length)]);
        var size = rng.Next(1, 1_100_000);
        var fill = new byte[size];
        fill.AsSpan().Fill(rng.Next(3) switch { 0 => (byte)'a', 1 => (byte)' ', _ => (byte)'\n' });
        var opening = rng.Next(3) switch { 0 => "X1,\""u8.ToArray(), 1 => "X1,"u8.ToArray(), _ => "\""u8.ToArray() };
        var closing = rng.Next(2) == 0 ? "\",a\n"u8.ToArray() : "\n"u8.ToArray();
        return [.. header, .. opening, .. fill, .. closing, .. "X2,Lê Thị Mai\n"u8];
    }

    private static byte[] HeaderLine(byte[] file)
    {
        var end = file.AsSpan().IndexOf((byte)'\n');
        return end < 0 ? [.. file, (byte)'\n'] : file[..(end + 1)];
    }
}
