using System.CommandLine;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Core.Places;

namespace CccdRecon.Cli.Token;

/// <summary>
/// <c>cccdrecon token --role ROLE [--unit CODE] [--subject NAME] [--data DIR]</c>: prints a bearer token for a
/// development server, signed with the key it created in its <c>./data/</c> folder.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string[]>("--role")
        {
            Description = $"Role(s) to grant, repeatable: {string.Join(", ", Roles.All)}",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var unit = new Option<string[]>("--unit") { Description = "Administrative unit code(s) a reviewer serves (2, 3 or 5 digits), repeatable" };
        unit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.FirstOrDefault(u => !UnitCodes.IsValid(u)) is { } bad)
            {
                result.AddError($"--unit {bad}: must be {UnitCodes.Rule}");
            }
        });
        var subject = new Option<string>("--subject") { Description = "Who the token is for (default: your user name)", DefaultValueFactory = _ => Environment.UserName };
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "The server's data folder holding the development key (default: ./data)",
            DefaultValueFactory = _ => new DirectoryInfo("data"),
        };
        var hours = new Option<int>("--hours") { Description = "Lifetime in hours (default 8)", DefaultValueFactory = _ => 8 };
        hours.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 24 * 30)
            {
                result.AddError("--hours must be between 1 and 720");
            }
        });
        var command = new Command("token", "Print a bearer token for a development server (reads its ./data/dev-signing-key.json)")
        {
            role, unit, subject, data, hours,
        };
        command.SetAction(parse =>
        {
            var keyPath = Path.Combine(parse.GetValue(data)!.FullName, Path.GetFileName(DevelopmentSigningKey.DefaultPath));
            if (!DevelopmentSigningKey.TryLoad(keyPath, out var key, out var problem))
            {
                Console.Error.WriteLine($"error: {problem}; or pass --data with the server's data folder");
                return 1;
            }
            var request = new TokenRequest(parse.GetValue(subject)!, parse.GetValue(role)!.Distinct().ToList(),
                (parse.GetValue(unit) ?? []).Distinct().ToList(), TimeSpan.FromHours(parse.GetValue(hours)));
            Console.Out.WriteLine(TokenMinter.Mint(key, request, TimeProvider.System));
            return 0;
        });
        return command;
    }
}
