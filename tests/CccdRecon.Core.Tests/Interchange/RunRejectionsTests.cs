using CccdRecon.Core.Interchange;

namespace CccdRecon.Core.Tests.Interchange;

public sealed class RunRejectionsTests
{
    [Fact]
    public void A_runs_rejections_list_each_file_and_line_registry_first_and_quote_reasons()
    {
        var writer = new StringWriter();
        InterchangeCsv.WriteRunRejections(writer,
        [
            ("forms", new CsvRejection(9, "wrong number of columns: 3, expected 11")),
            ("registry", new CsvRejection(4, "full_name is empty")),
            ("forms", new CsvRejection(2, "stray quote \" in form_id")),
            ("forms", new CsvRejection(0, "rejected by the server")),
        ]);
        var lines = writer.ToString().Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "file,line,reason",
            "registry,4,full_name is empty",
            "forms,,rejected by the server",
            "forms,2,\"stray quote \"\" in form_id\"",
            "forms,9,\"wrong number of columns: 3, expected 11\"",
        ], lines);
    }
}
