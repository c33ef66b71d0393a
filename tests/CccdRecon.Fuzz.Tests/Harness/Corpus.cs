using System.Text;

namespace CccdRecon.Fuzz.Tests.Harness;

/// <summary>The seed corpus (fuzz/corpus at the repository root, copied next to the tests).</summary>
internal static class Corpus
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "corpus");

    public static readonly string[] Names = Lines("names");
    public static readonly string[] Dates = Lines("dates");
    public static readonly string[] Ids = Lines("ids");
    public static readonly string[] Places = Lines("places");
    public static readonly string[] Genders = Lines("genders");

    /// <summary>Every seed line, for targets that should see any kind of value.</summary>
    public static readonly string[] AllValues = [.. Names, .. Dates, .. Ids, .. Places, .. Genders];

    public static readonly byte[][] CsvFiles = Directory.GetFiles(Path.Combine(Root, "csv"), "*.csv")
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .ToArray();

    private static string[] Lines(string folder) => Directory.GetFiles(Path.Combine(Root, folder), "*.txt")
        .Order(StringComparer.Ordinal)
        .SelectMany(path => File.ReadAllLines(path, Encoding.UTF8))
        .Where(line => line.Length > 0)
        .ToArray();
}
