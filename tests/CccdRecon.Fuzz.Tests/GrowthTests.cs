using System.Globalization;
using System.Text;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;
using CccdRecon.Fuzz.Tests.Harness;
using Xunit.Abstractions;

namespace CccdRecon.Fuzz.Tests;

/// <summary>
/// No input makes the work grow faster than its size. Work is measured as bytes allocated on the test's thread, which
/// is deterministic (no wall clock): for each family of inputs, the work for 8n must stay under 20 times the work for
/// n (a quadratic family gives about 64 times). The reader's fixed cost (its buffers) is measured on the header alone
/// and taken off first, so it cannot hide a quadratic term.
/// </summary>
public sealed class GrowthTests(ITestOutputHelper output)
{
    private const int Growth = 8;
    private const double MaxRatio = 20;
    private const string Header = "form_id,full_name,date_of_birth,gender,permanent_address\n";

    public static TheoryData<string> CsvFamilies => ["good rows", "unclosed quote per row", "lone quote lines", "triple quote lines",
        "escaped quotes after a value", "one unclosed quote then good rows", "stray quote per row", "one long quoted field", "one long line of quotes"];

    [Theory]
    [MemberData(nameof(CsvFamilies))]
    public void ReadForms_work_grows_linearly(string family) =>
        CheckCsv(family, 1000, n => family switch
        {
            "good rows" => Lines(n, i => $"F{i},Nguyễn Văn Hòa,12/03/1990,Nam,\"Số {i}, ngõ 12 Láng Hạ\""),
            "unclosed quote per row" => Lines(n, i => $"F{i},\"Lê Thị Mai,1990,Nữ,"),
            "lone quote lines" => Lines(n, _ => "\""),
            "triple quote lines" => Lines(n, _ => "\"\"\""),
            "escaped quotes after a value" => Lines(n, i => $"F{i},a\"\"b,\"\"\"\",x"),
            "one unclosed quote then good rows" => "F0,\"Trần Văn Quý\n" + Lines(n, i => $"F{i},Trần Văn Quý,1975,Nam,Nam Định"),
            "stray quote per row" => Lines(n, i => $"F{i},\"Hoàng\" Thị Thủy,1992,Nữ,\"x\"y"),
            "one long quoted field" => "F1,Lê Thị Mai,1985,Nữ,\"" + new string('a', n * 10) + "\"\n",
            "one long line of quotes" => "F1,Lê Thị Mai,1985,Nữ,\"" + new string('"', n * 10) + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(family)),
        });

    /// <summary>
    /// Every line's record runs to the end of the input (a quote reopened after each line break): the reader once scanned
    /// the rest of the input again for each line, quadratic (found by this test; fuzz/README.md).
    /// </summary>
    [Theory]
    [InlineData("x\",\"y")]
    [InlineData("a\",\"b,\"c\",,\"d")]
    public void ReadForms_work_grows_linearly_when_every_line_reopens_a_quote(string line) =>
        CheckCsv(Fuzzer.Render(line), 100, n => Lines(n, _ => line));

    /// <summary>Families made of one fuzzed line repeated: 60 of them, from the same generator as the CSV fuzz targets.</summary>
    [Fact]
    public void ReadForms_work_grows_linearly_for_repeated_fuzzed_lines()
    {
        var rng = new Random(FuzzSettings.SeedFor("growth"));
        for (var f = 0; f < 60; f++)
        {
            var bytes = CsvBytes.Next(rng, Corpus.CsvFiles, Corpus.AllValues);
            var line = Encoding.UTF8.GetString(bytes.Length > 200 ? bytes[..200] : bytes).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            CheckCsv($"fuzzed line {f} {Fuzzer.Render(line)}", 100, n => Lines(n, _ => line));
        }
    }

    [Fact]
    public void Parser_work_grows_linearly_up_to_their_length_limits()
    {
        var today = new DateOnly(2026, 11, 22);
        Check("PersonName.Parse syllables", 24, n => Repeat("Nguyễn ", n), s => PersonName.Parse(s));
        Check("PersonName.Parse NFD flood", 24, n => "A" + new string('\u0301', n - 1), s => PersonName.Parse(s));
        Check("PersonName.Parse TCVN3", 24, n => Repeat("NguyÔn ", n), s => PersonName.Parse(s));
        Check("NameComparer.Compare syllables", 24, n => Repeat("Văn ", n),
            s => NameComparer.Compare(PersonName.Parse("Lê " + s + "Hòa"), PersonName.Parse("Lê " + s[..(s.Length / 2)] + "Hoà")));
        Check("VietnameseText.TryDecodeLegacy", 24, n => Repeat("Tr\u00AD¬ng ", n), s => VietnameseText.TryDecodeLegacy(s, out _, out _));
        Check("BirthDate.Parse in words", 8, n => "ngày 5 " + Repeat(" ", n) + "tháng 3 năm 1962", s => BirthDate.Parse(s, today));
        Check("Province.Find", 24, n => "Tỉnh " + Repeat("Thanh ", n), s => Province.Find(s));
    }

    [Fact]
    public void Reconcile_work_grows_linearly_with_the_form()
    {
        var reconciler = ReconcilerFuzzTests.NewReconciler(Index());
        Check("Reconcile address", 1000, n => Repeat("Số 5, ngõ 12 Láng Hạ, ", n), s => reconciler.Reconcile(Form() with { PermanentAddress = s }));
        Check("Reconcile name", 24, n => "Nguyễn " + Repeat("Văn ", n) + "Hòa", s => reconciler.Reconcile(Form() with { FullName = s, FatherName = s }));

        static SurveyForm Form() => new() { FormId = "F-1", FullName = "Nguyễn Văn Hòa", DateOfBirth = "12/03/1990", Gender = "Nam", PersonalId = "001090012345" };
        static RegistryIndex Index()
        {
            var index = new RegistryIndex(new DateOnly(2026, 11, 22));
            index.AddRange(ReconcilerFuzzTests.People);
            return index;
        }
    }

    private void CheckCsv(string family, int n, Func<int, string> body)
    {
        var header = Encoding.UTF8.GetBytes(Header);
        CheckGrowth(family, n, n => Encoding.UTF8.GetBytes(Header + body(n)), Read, Allocated(() => Read(header)));

        static void Read(byte[] bytes) => InterchangeCsv.ReadForms(new MemoryStream(bytes), _ => { }).Count();
    }

    private void Check(string family, int n, Func<int, string> input, Action<string> run) => CheckGrowth(family, n, input, run, 0);

    /// <summary>Work for 8n (less the fixed cost) must be under 20 times the work for n (less the fixed cost).</summary>
    private void CheckGrowth<T>(string family, int n, Func<int, T> input, Action<T> run, long fixedCost)
    {
        var small = input(n);
        var large = input(n * Growth);
        var workSmall = Math.Max(1, Allocated(() => run(small)) - fixedCost);
        var workLarge = Allocated(() => run(large)) - fixedCost;
        var ratio = (double)workLarge / workSmall;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family}: n={n} {workSmall:N0} B, 8n {workLarge:N0} B, ratio {ratio:0.0}"));
        Assert.True(ratio < MaxRatio, string.Create(CultureInfo.InvariantCulture,
            $"{family}: work grew {ratio:0.0}x for {Growth}x the input (n={n}: {workSmall:N0} bytes allocated, 8n: {workLarge:N0}); limit {MaxRatio}x"));
    }

    /// <summary>Bytes allocated by one run, after a warm-up run (static tables, JIT); the least of three runs.</summary>
    private static long Allocated(Action run)
    {
        run();
        var least = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    private static string Lines(int n, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= n; i++) text.Append(line(i)).Append('\n');
        return text.ToString();
    }

    private static string Repeat(string piece, int length) => Strings.Repeat(piece, length);
}
