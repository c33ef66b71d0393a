using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CccdRecon.Fuzz.Tests.Harness;

/// <summary>A property the target broke, thrown by a check and reported with the minimised input.</summary>
internal sealed class PropertyViolation(string message) : Exception(message)
{
    public static void Require(bool holds, string property)
    {
        if (!holds) throw new PropertyViolation(property);
    }
}

/// <summary>
/// Runs a check over generated inputs. Each iteration draws from its own seed, so a failure names the seed and
/// iteration that reproduce it; the failing input is shrunk (chunks removed while it fails the same way) before
/// it is printed.
/// </summary>
internal static class Fuzzer
{
    private const int MaxShrinkAttempts = 4_000;
    private const int MaxPrinted = 1_500;

    public static void Strings(ITestOutputHelper output, string target, Func<Random, string> generate, Action<string> check) =>
        Run(output, target, generate, check, Shrink, Render);

    public static void Bytes(ITestOutputHelper output, string target, Func<Random, byte[]> generate, Action<byte[]> check) =>
        Run(output, target, generate, check, Shrink, Render);

    /// <summary>Two texts checked together: each is shrunk in turn.</summary>
    public static void Pairs(ITestOutputHelper output, string target, Func<Random, (string, string)> generate, Action<(string, string)> check) =>
        Run(output, target, generate, check,
            pair => Shrink(pair.Item1).Select(a => (a, pair.Item2)).Concat(Shrink(pair.Item2).Select(b => (pair.Item1, b))),
            pair => $"({Render(pair.Item1)}, {Render(pair.Item2)})");

    /// <summary>Inputs that are not text (dates, records): reported as generated, without shrinking.</summary>
    public static void Values<T>(ITestOutputHelper output, string target, Func<Random, T> generate, Action<T> check, Func<T, string> render) =>
        Run(output, target, generate, check, _ => [], render);

    private static void Run<T>(
        ITestOutputHelper output, string target, Func<Random, T> generate, Action<T> check, Func<T, IEnumerable<T>> shrink, Func<T, string> render)
    {
        var baseSeed = FuzzSettings.SeedFor(target);
        var iterations = FuzzSettings.Iterations;
        var clock = Stopwatch.StartNew();
        for (var i = FuzzSettings.FirstIteration; i < iterations; i++)
        {
            var input = generate(new Random(FuzzSettings.IterationSeed(baseSeed, i)));
            FuzzSettings.Trace(target, i, input);
            var failure = Failure(check, input);
            if (failure is null)
            {
                continue;
            }

            var smallest = Minimise(input, failure, check, shrink);
            var reason = Failure(check, smallest) ?? failure;
            Assert.Fail(
                $"{target}: iteration {i} (base seed {baseSeed}, iteration seed {FuzzSettings.IterationSeed(baseSeed, i)}) failed: " +
                $"{reason.GetType().Name}: {reason.Message}\n" +
                $"minimised input ({Length(smallest)}; generated {Length(input)}): {render(smallest)}\n{reason.StackTrace}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz {target}: {iterations:N0} inputs, base seed {baseSeed}, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static Exception? Failure<T>(Action<T> check, T input)
    {
        try
        {
            check(input);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>Greedy delta debugging: keep any smaller candidate that fails with the same exception type.</summary>
    private static T Minimise<T>(T input, Exception failure, Action<T> check, Func<T, IEnumerable<T>> shrink)
    {
        var attempts = 0;
        var current = input;
        var progress = true;
        while (progress && attempts < MaxShrinkAttempts)
        {
            progress = false;
            foreach (var candidate in shrink(current))
            {
                if (++attempts > MaxShrinkAttempts) break;
                if (Failure(check, candidate)?.GetType() == failure.GetType())
                {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }

        return current;
    }

    private static IEnumerable<string> Shrink(string text)
    {
        for (var chunk = text.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (var at = 0; at + chunk <= text.Length; at += chunk)
            {
                yield return string.Concat(text.AsSpan(0, at), text.AsSpan(at + chunk));
            }
        }
    }

    private static IEnumerable<byte[]> Shrink(byte[] bytes)
    {
        for (var chunk = bytes.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (var at = 0; at + chunk <= bytes.Length; at += chunk)
            {
                yield return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + chunk)];
            }
        }
    }

    private static string Length<T>(T input) => input switch
    {
        string s => $"{s.Length} chars",
        byte[] b => $"{b.Length} bytes",
        _ => "value",
    };

    /// <summary>C#-style escaped text: printable characters as they are, everything else as \uXXXX.</summary>
    public static string Render(string text)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in text.Length > MaxPrinted ? text[..MaxPrinted] : text)
        {
            shown.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c > '\u007E' && !char.IsLetterOrDigit(c) || c < '\u0020' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return shown.Append(text.Length > MaxPrinted ? "\"…" : "\"").ToString();
    }

    /// <summary>Bytes as text where they are printable ASCII, \xNN otherwise.</summary>
    public static string Render(byte[] bytes)
    {
        var shown = new StringBuilder("\"");
        foreach (var b in bytes.Length > MaxPrinted ? bytes[..MaxPrinted] : bytes)
        {
            shown.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                < 0x20 or >= 0x7F => $"\\x{b:X2}",
                _ => ((char)b).ToString(),
            });
        }

        return shown.Append(bytes.Length > MaxPrinted ? "\"…" : "\"").ToString();
    }
}
