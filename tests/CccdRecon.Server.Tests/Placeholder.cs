namespace CccdRecon.Server.Tests;
