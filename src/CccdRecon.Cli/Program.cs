using System.CommandLine;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Febrl;
using CccdRecon.Cli.Generate;

var root = new RootCommand("cccdrecon: reconcile population-survey forms (DC01) with the civil registry")
{
    GenerateCommand.Create(),
    EvaluateCommand.Create(),
    FebrlCommand.Create(),
    // ── reconcile / batch: the lead's commands go here ──────────────────────────────────────────────
    // root.Add(ReconcileCommand.Create());   // cccdrecon reconcile --registry … --forms … --out …
    // root.Add(BatchCommand.Create());       // cccdrecon batch …
    // ────────────────────────────────────────────────────────────────────────────────────────────────
};

return await root.Parse(args).InvokeAsync();
