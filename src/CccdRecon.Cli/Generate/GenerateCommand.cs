using System.CommandLine;
using System.Diagnostics;

namespace CccdRecon.Cli.Generate;

/// <summary>
/// <c>cccdrecon generate --persons N --seed S --out DIR [--absent-rate 0.03] [--absent-lookalikes S]
/// [--address-style full|abbreviated|mixed|varied] [--post2025-share S] [--registry-address-style full|abbreviated|mixed]
/// [--name-typo-rate R] [--province CODE]</c>
/// </summary>
internal static class GenerateCommand
{
    private static readonly string[] FormStyles = ["legacy", "full", "abbreviated", "mixed", "varied"];
    private static readonly string[] RegistryStyles = ["full", "abbreviated", "mixed"];

    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "Registry records to generate", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same files", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for registry.csv, forms.csv and truth.csv", Required = true };
        var absentRate = new Option<double>("--absent-rate")
        {
            Description = $"Share of forms whose person is not in the registry (0 to {GeneratorOptions.MaxAbsentRate})",
            DefaultValueFactory = _ => 0.03,
        };
        var lookalikes = new Option<double>("--absent-lookalikes")
        {
            Description = "Share of absent people made look-alikes of a registered person: same name and birth year, same birth date, or same commune (default 0)",
        };
        var addressStyle = new Option<string>("--address-style")
        {
            Description = "How forms write the permanent address: legacy (the original one-line address, default), full, abbreviated, mixed or varied",
            DefaultValueFactory = _ => "legacy",
        };
        addressStyle.AcceptOnlyFromAmong(FormStyles);
        var registryStyle = new Option<string>("--registry-address-style")
        {
            Description = "How the registry writes a structured address: full (default), abbreviated or mixed",
            DefaultValueFactory = _ => "full",
        };
        registryStyle.AcceptOnlyFromAmong(RegistryStyles);
        var post2025 = new Option<double>("--post2025-share")
        {
            Description = "Share of forms whose address is on the 2025 map: 34 provinces, no district, communes merged or renamed (default 0; needs --address-style)",
        };
        var typoRate = new Option<double>("--name-typo-rate")
        {
            Description = "Share of registered people's forms with a keying slip in one syllable of the given name or surname (default 0)",
        };
        var province = new Option<string?>("--province")
        {
            Description = "Three-digit code of the one province the population lives in, as in a province batch (e.g. 019); default: all 63",
        };
        var command = new Command("generate", "Generate a synthetic registry, damaged survey forms and the truth")
        {
            persons, seed, output, absentRate, lookalikes, addressStyle, registryStyle, post2025, typoRate, province,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new GeneratorOptions(parse.GetValue(persons), parse.GetValue(seed), parse.GetValue(absentRate))
            {
                AbsentLookalikes = parse.GetValue(lookalikes),
                AddressStyle = Enum.Parse<AddressStyle>(parse.GetValue(addressStyle)!, ignoreCase: true),
                RegistryAddressStyle = Enum.Parse<AddressStyle>(parse.GetValue(registryStyle)!, ignoreCase: true),
                Post2025Share = parse.GetValue(post2025),
                NameTypoRate = parse.GetValue(typoRate),
                Province = parse.GetValue(province),
            };
            if (options.Problem() is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return Task.FromResult(2);
            }
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
