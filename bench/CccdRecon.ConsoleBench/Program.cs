using CccdRecon.ConsoleBench;

return args switch
{
    ["seed", var db, var cases] => await Seeder.RunAsync(db, int.Parse(cases, System.Globalization.CultureInfo.InvariantCulture)),
    ["measure", var url, var db, var requests] => await Measurer.RunAsync(url, db, int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture), null),
    ["measure", var url, var db, var requests, var pid] => await Measurer.RunAsync(url, db, int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ConsoleBench seed DB CASES | measure CONSOLE_URL DB REQUESTS [SERVER_PID]");
    return 2;
}
