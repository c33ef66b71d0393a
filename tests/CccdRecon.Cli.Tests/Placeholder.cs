namespace CccdRecon.Cli.Tests;
