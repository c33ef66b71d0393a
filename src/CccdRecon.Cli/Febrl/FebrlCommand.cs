using System.CommandLine;
using System.Text;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Files;
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
            try
            {
                registry = Read(parse.GetValue(a)!.FullName, Reject);
                forms = Read(parse.GetValue(b)!.FullName, Reject);
                var ids = registry.Select(r => r.RecId).ToHashSet(StringComparer.Ordinal);
                var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                using (var w = new StreamWriter(LocalFileStream.Create(Path.Combine(directory, "registry.csv"), "registry.csv"), utf8)) InterchangeCsv.WriteRegistry(w, registry.Select(FebrlMapper.ToRegistry));
                using (var w = new StreamWriter(LocalFileStream.Create(Path.Combine(directory, "forms.csv"), "forms.csv"), utf8)) InterchangeCsv.WriteForms(w, forms.Select(FebrlMapper.ToForm));
                using (var w = new StreamWriter(LocalFileStream.Create(Path.Combine(directory, "truth.csv"), "truth.csv"), utf8)) TruthCsv.WriteTruth(w, forms.Select(f => FebrlMapper.ToTruth(f, ids)));
            }
            catch (CliInputException bad)
            {
                Console.Error.WriteLine($"error: {bad.Message}");
                return 2;
            }
            Console.WriteLine($"registry {registry.Count}, forms {forms.Count}, rejected lines {rejected} → {directory}");
            return rejected == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>A FEBRL file's records; a file that is missing or not FEBRL fails in one line.</summary>
    private static List<FebrlRecord> Read(string path, Action<long, string> reject)
    {
        using var reader = new StreamReader(LocalFileStream.OpenRead(path));
        try
        {
            return FebrlMapper.Read(reader, reject).ToList();
        }
        catch (InvalidDataException bad)
        {
            throw new CliInputException($"{path}: {bad.Message}");
        }
    }
}
