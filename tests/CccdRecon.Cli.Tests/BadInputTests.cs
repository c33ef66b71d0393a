using System.Text;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// <c>cccdrecon reconcile</c> run as a process on files a user really has wrong: one line, a non-zero exit, and no result
/// file written or replaced (issue 12 points 11 and 12).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string EarlierRun = "form_id,status,score\nEARLIER,clean,0.99\n";

    private readonly string _work = Directory.CreateTempSubdirectory("cccdrecon-badinput-").FullName;
    private readonly string _registry = Path.Combine(AltGenTests.RepositoryRoot(), "samples", "registry.csv");
    private readonly string _forms = Path.Combine(AltGenTests.RepositoryRoot(), "samples", "forms.csv");

    private string Out => Path.Combine(_work, "out");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public static TheoryData<string, string, string> BadForms => new()
    {
        // name, content, what the one line must say
        { "a missing required column", "form_id,full_name,date_of_birth\nF1,Nguyễn Văn An,1990\n", "gender" },
        { "only form_id and full_name", "form_id,full_name\nF1,Nguyễn Văn An\n", "date_of_birth" },
        { "an empty file", "", "header" },
        { "a header and no row", "form_id,full_name,date_of_birth,gender\n", "no rows" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_forms_file_is_one_line_a_non_zero_exit_and_nothing_written(string name, string content, string says)
    {
        var forms = Write("forms.csv", Encoding.UTF8.GetBytes(content));

        var (exit, _, errors) = await ReconcileAsync(forms);

        Assert.True(exit != 0, name);
        AssertOneLine(errors, says);
        AssertEarlierRunKept();
    }

    [Fact]
    public async Task A_binary_file_is_named_as_such()
    {
        var bytes = new byte[20_000];
        new Random(12).NextBytes(bytes);
        var forms = Write("forms.csv", bytes);

        var (exit, _, errors) = await ReconcileAsync(forms);

        Assert.NotEqual(0, exit);
        AssertOneLine(errors, "binary");
        AssertEarlierRunKept();
    }

    [Fact]
    public async Task A_forms_file_saved_as_windows_1258_fails_and_says_which_encoding_it_looks_like()
    {
        // What Excel on a Vietnamese Windows writes for "CSV": the header is ASCII and reads, every row is rejected.
        var utf8 = File.ReadAllText(_forms);
        var forms = Write("forms.csv", Windows1258(utf8));

        var (exit, _, errors) = await ReconcileAsync(forms);

        Assert.NotEqual(0, exit);
        AssertOneLine(errors, "Windows-1258");
        Assert.Contains("are not valid UTF-8 and only 54 could be read", errors);
        AssertEarlierRunKept();
    }

    [Fact]
    public async Task An_unwritable_out_folder_fails_before_any_work()
    {
        var file = Write("not-a-folder", "x"u8.ToArray());

        var (exit, output, errors) = await CommandLineTests.RunAsync(
            ["reconcile", "--quiet", "--registry", _registry, "--forms", _forms, "--out", Path.Combine(file, "out")]);

        Assert.NotEqual(0, exit);
        AssertOneLine(errors, "--out");
        Assert.DoesNotContain("Reconciled", output);
    }

    [Fact]
    public async Task A_good_run_replaces_the_earlier_files_whole_and_leaves_no_temporary_file()
    {
        var (exit, _, errors) = await ReconcileAsync(_forms);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.Trim());
        Assert.Equal(1923, File.ReadAllLines(Path.Combine(Out, "results.csv")).Length);
        Assert.Equal(["cases.csv", "clean.csv", "model.json", "rejected.csv", "results.csv", "review.csv", "summary.json"],
            Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private async Task<(int Exit, string Output, string Errors)> ReconcileAsync(string forms)
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "results.csv"), EarlierRun);
        return await CommandLineTests.RunAsync(["reconcile", "--quiet", "--registry", _registry, "--forms", forms, "--out", Out]);
    }

    private void AssertEarlierRunKept()
    {
        // The earlier run's results are neither replaced nor joined by a half-written file.
        Assert.Equal(EarlierRun, File.ReadAllText(Path.Combine(Out, "results.csv")));
        Assert.Equal(["results.csv"], Directory.GetFiles(Out).Select(Path.GetFileName));
    }

    private static void AssertOneLine(string errors, string says)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(says, line);
        Assert.DoesNotContain("   at ", errors);
        Assert.DoesNotContain("Exception", errors);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Windows-1258 keeps â ê ô ơ ư ă đ as letters and writes the tone as a combining mark after them.</summary>
    private static byte[] Windows1258(string text)
    {
        const string tones = "\u0300\u0301\u0303\u0309\u0323";
        var spelled = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var parts = c.ToString().Normalize(NormalizationForm.FormD);
            spelled.Append(new string([.. parts.Where(m => !tones.Contains(m))]).Normalize(NormalizationForm.FormC));
            spelled.Append([.. parts.Where(tones.Contains)]);
        }
        return CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetBytes(spelled.ToString());
    }
}
