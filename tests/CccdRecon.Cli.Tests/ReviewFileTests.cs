using CccdRecon.Cli.Batch;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Tests;

/// <summary>review.csv written beside results.csv from the same pages: the file the listing by status gave before.</summary>
public sealed class ReviewFileTests
{
    private static readonly MatchExplanation None = new(0, [], [], "");

    private static Reconciliation Result(int i) => new($"F{i:D5}", (i % 3) switch { 0 => MatchStatus.Review, 1 => MatchStatus.Clean, _ => MatchStatus.NoMatch },
        $"R{i}", 0.5, [new Discrepancy("full_name", "missing_middle_name", $"form {i}", $"registry {i}", "", "a reason, with a comma")], [], None);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3 * BatchClientJob.ReviewFile.RowsPerWrite)]
    [InlineData(3 * BatchClientJob.ReviewFile.RowsPerWrite + 7)]
    public void Gathered_across_pages_the_file_is_the_one_written_from_the_review_results_at_once(int results)
    {
        var all = Enumerable.Range(0, results).Select(Result).ToList();
        var expected = new StringWriter();
        InterchangeCsv.WriteReview(expected, all.Where(r => r.Status == MatchStatus.Review));

        var written = new StringWriter();
        var file = new BatchClientJob.ReviewFile(written);
        foreach (var result in all)
        {
            file.Add(result);
        }
        file.Finish();

        Assert.Equal(expected.ToString(), written.ToString());
    }
}
