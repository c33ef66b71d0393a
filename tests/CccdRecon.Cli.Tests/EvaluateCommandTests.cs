namespace CccdRecon.Cli.Tests;

/// <summary>
/// <c>cccdrecon evaluate</c> and <c>cccdrecon febrl</c> run as processes on the files a user has at hand: a run's folder
/// is read as its results.csv, and a wrong path or file is one line and a non-zero exit, never a stack trace.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("cccdrecon-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_runs_folder_is_scored_as_its_results_file()
    {
        var truth = Write("truth.csv", "form_id,record_id,flags,damage\nF1,R1,,\nF2,,,absent\n");
        var run = Directory.CreateDirectory(Path.Combine(_work, "run")).FullName;
        File.WriteAllText(Path.Combine(run, "results.csv"), "form_id,status,record_id,score,flags\nF1,clean,R1,1.000,\nF2,no_match,,0.000,\n");

        var (exit, output, errors) = await CommandLineTests.RunAsync(["evaluate", "--truth", truth, "--results", run]);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.Trim());
        Assert.Contains("1.0000", output);
    }

    [Fact]
    public async Task A_missing_results_file_is_one_line()
    {
        var truth = Write("truth.csv", "form_id,record_id,flags,damage\nF1,R1,,\n");

        var (exit, _, errors) = await CommandLineTests.RunAsync(["evaluate", "--truth", truth, "--results", Path.Combine(_work, "nowhere")]);

        Assert.Equal(2, exit);
        AssertOneLine(errors, "does not exist");
    }

    [Fact]
    public async Task A_truth_file_without_its_columns_is_one_line()
    {
        var truth = Write("truth.csv", "id,person\nF1,R1\n");
        var results = Write("results.csv", "form_id,status,record_id,score,flags\nF1,clean,R1,1.000,\n");

        var (exit, _, errors) = await CommandLineTests.RunAsync(["evaluate", "--truth", truth, "--results", results]);

        Assert.Equal(2, exit);
        AssertOneLine(errors, "form_id");
    }

    [Fact]
    public async Task A_missing_or_foreign_febrl_file_is_one_line()
    {
        var notFebrl = Write("a.csv", "name,age\nAn,3\n");

        var (missing, _, missingErrors) = await CommandLineTests.RunAsync(["febrl", "--a", Path.Combine(_work, "none.csv"), "--b", notFebrl, "--out", Path.Combine(_work, "f1")]);
        var (foreign, _, foreignErrors) = await CommandLineTests.RunAsync(["febrl", "--a", notFebrl, "--b", notFebrl, "--out", Path.Combine(_work, "f2")]);

        Assert.Equal(2, missing);
        AssertOneLine(missingErrors, "none.csv");
        Assert.Equal(2, foreign);
        AssertOneLine(foreignErrors, "not a FEBRL file");
    }

    private static void AssertOneLine(string errors, string says)
    {
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(says, line);
        Assert.DoesNotContain("Exception", errors);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, content);
        return path;
    }
}
