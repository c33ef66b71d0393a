using System.CommandLine;
using System.Diagnostics;

namespace CccdRecon.Cli.Generate;

/// <summary><c>cccdrecon generate --persons N --seed S --out DIR [--absent-rate 0.03]</c></summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "Registry records to generate", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same files", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for registry.csv, forms.csv and truth.csv", Required = true };
        var absentRate = new Option<double>("--absent-rate") { Description = "Share of forms whose person is not in the registry", DefaultValueFactory = _ => 0.03 };
        var command = new Command("generate", "Generate a synthetic registry, damaged survey forms and the truth") { persons, seed, output, absentRate };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new GeneratorOptions(parse.GetValue(persons), parse.GetValue(seed), parse.GetValue(absentRate));
            var directory = parse.GetValue(output)!.FullName;
            var clock = Stopwatch.StartNew();
            var summary = PopulationGenerator.GenerateToDirectory(options, directory, cancellationToken);
            Console.WriteLine($"registry records {summary.RegistryRecords}, forms {summary.Forms} ({summary.AbsentForms} of people not in the registry), " +
                $"registry-only {summary.RegistryOnly}, forms needing correction {summary.FormsWithFlags}; {clock.Elapsed.TotalSeconds:0.0} s → {directory}");
            return Task.FromResult(0);
        });
        return command;
    }
}
