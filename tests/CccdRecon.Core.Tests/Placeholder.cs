namespace CccdRecon.Core.Tests;
