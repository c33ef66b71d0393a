using System.CommandLine;
using CccdRecon.Cli.Backup;
using CccdRecon.Cli.Batch;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Febrl;
using CccdRecon.Cli.Generate;
using CccdRecon.Cli.Reconcile;
using CccdRecon.Cli.Report;
using CccdRecon.Cli.Token;

var root = new RootCommand("cccdrecon: reconcile population-survey forms (DC01) with the civil registry")
{
    GenerateCommand.Create(),
    EvaluateCommand.Create(),
    FebrlCommand.Create(),
    ReconcileCommand.Create(),
    ReportCommand.Create(),
    BatchCommand.Create(),
    BackupCommand.Create(),
    TokenCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
