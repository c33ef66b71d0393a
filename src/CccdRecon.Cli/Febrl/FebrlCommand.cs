using System.CommandLine;
using System.Text;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Core.Interchange;

namespace CccdRecon.Cli.Febrl;

/// <summary><c>cccdrecon febrl --a dataset4a.csv --b dataset4b.csv --out DIR</c></summary>
internal static class FebrlCommand
{
    public static Command Create()
    {
        var a = new Option<FileInfo>("--a") { Description = "FEBRL set A (becomes registry.csv)", Required = true };
        var b = new Option<FileInfo>("--b") { Description = "FEBRL set B (becomes forms.csv)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for registry.csv, forms.csv and truth.csv", Required = true };
        var command = new Command("febrl", "Map a FEBRL 4 linkage pair to the interchange files") { a, b, output };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(directory);
            var rejected = 0;
            void Reject(long line, string reason)
            {
                rejected++;
                Console.Error.WriteLine($"line {line}: {reason}");
            }

            List<FebrlRecord> registry, forms;
            using (var reader = new StreamReader(parse.GetValue(a)!.FullName)) registry = FebrlMapper.Read(reader, Reject).ToList();
            using (var reader = new StreamReader(parse.GetValue(b)!.FullName)) forms = FebrlMapper.Read(reader, Reject).ToList();
            var ids = registry.Select(r => r.RecId).ToHashSet(StringComparer.Ordinal);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using (var w = new StreamWriter(Path.Combine(directory, "registry.csv"), false, utf8)) InterchangeCsv.WriteRegistry(w, registry.Select(FebrlMapper.ToRegistry));
            using (var w = new StreamWriter(Path.Combine(directory, "forms.csv"), false, utf8)) InterchangeCsv.WriteForms(w, forms.Select(FebrlMapper.ToForm));
            using (var w = new StreamWriter(Path.Combine(directory, "truth.csv"), false, utf8)) TruthCsv.WriteTruth(w, forms.Select(f => FebrlMapper.ToTruth(f, ids)));
            Console.WriteLine($"registry {registry.Count}, forms {forms.Count}, rejected lines {rejected} → {directory}");
            return rejected == 0 ? 0 : 1;
        });
        return command;
    }
}
