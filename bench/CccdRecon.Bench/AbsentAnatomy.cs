using System.Diagnostics;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Bench;

/// <summary>
/// Where an absent person's form spends its time: which stages and keys bring its candidates, how each candidate
/// scores field by field, and how many an upper bound on the cheap fields would set aside before the name is compared.
///   dotnet run -c Release --project bench/CccdRecon.Bench -- anatomy DIR [REGISTRY_RECORDS]
/// </summary>
internal static class AbsentAnatomy
{
    public static int Run(string dir, int registryCount)
    {
        var registry = InterchangeCsv.ReadRegistry(File.OpenRead(Path.Combine(dir, "registry.csv")), _ => { }).Take(registryCount).ToList();
        var forms = InterchangeCsv.ReadForms(File.OpenRead(Path.Combine(dir, "forms.csv")), _ => { }).Take(100_000).ToList();
        var today = new DateOnly(2026, 11, 22);
        var index = new RegistryIndex(today);
        index.AddRange(registry);
        var options = new MatchingOptions();
        var model = ModelTrainer.Train(index, forms.Take(3_000), options, TimeProvider.System);
        var absentIds = File.ReadLines(Path.Combine(dir, "truth.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c.Length > 1 && c[1].Length == 0).Select(c => c[0]).ToHashSet();
        foreach (var (label, group) in (ReadOnlySpan<(string, List<SurveyForm>)>)[
            ("present", forms.Where(f => !absentIds.Contains(f.FormId)).Take(5_000).ToList()),
            ("absent", forms.Where(f => absentIds.Contains(f.FormId)).Take(5_000).ToList())])
        {
            Describe(label, group, index, options, model, today);
        }
        return 0;
    }

    private static void Describe(string label, List<SurveyForm> group, RegistryIndex index, MatchingOptions options, MatchModel model, DateOnly today)
    {
        var search = new CandidateSearch(index, options);
        var keys = new List<BlockingKey>();
        var set = new CandidateSet();
        var prior = model.PriorWeight(index.Count);
        var floor = Posterior.Logit(options.AmbiguityThreshold);
        var byKind = new Dictionary<string, long>();
        long candidates = 0, belowFloor = 0, boundGlobal = 0, boundFolded = 0, boundFoldedParents = 0, boundNoAddress = 0;
        long nameCompare = 0, formsWithBestAboveFloor = 0, boundHouse = 0, boundHamlet = 0, boundQuickParents = 0;
        var survivors = new Dictionary<string, long>();
        var swName = new Stopwatch();
        var swAll = new Stopwatch();
        var nameMaxGlobal = Math.Max(model.MaxWeight((int)MatchField.FullName), model.NameAgreeWeight(1.0 / index.Count));
        var nameMaxNotEqual = 0.0;
        for (var l = (int)NameLevel.RegionalVariant; l < FieldCatalog.Of(MatchField.FullName).LevelCount; l++)
            nameMaxNotEqual = Math.Max(nameMaxNotEqual, model.Weight(MatchField.FullName, l));
        var addressMax = Math.Max(0, Math.Max(model.MaxWeight((int)MatchField.Address), model.MaxWeight((int)MatchField.AddressText)));
        using (index.Read())
        {
            foreach (var form in group)
            {
                var p = PersonProfile.FromForm(form, today);
                set.Clear();
                foreach (var stage in CandidateSearch.Stages) search.Gather(p, stage, keys, set);
                var best = double.NegativeInfinity;
                for (var i = 0; i < set.Count; i++)
                {
                    var (slot, kinds) = set[i];
                    var first = Enum.GetValues<BlockingKeyKind>().First(k => (kinds & 1u << (int)k) != 0).ToString();
                    byKind[first] = byKind.GetValueOrDefault(first) + 1;
                    var record = index.At(slot);
                    swAll.Start();
                    var c = FieldComparer.Compare(p, record.Profile);
                    swAll.Stop();
                    swName.Start();
                    FieldComparer.CompareNames(p.Name, record.Profile.Name);
                    swName.Stop();
                    nameCompare++;
                    if (c.Levels.Name < NameLevel.Similar) c.NameFrequency = index.NameFrequency(record.Profile.Name.FoldedKey);
                    var weight = prior + model.Evidence(c.Levels, c.NameFrequency);
                    best = Math.Max(best, weight);
                    candidates++;
                    if (weight < floor) belowFloor++;
                    // Cheap fields exactly: everything but the name, parents and address.
                    var cheapLevels = c.Levels;
                    cheapLevels.Name = null;
                    cheapLevels.Father = null;
                    cheapLevels.Mother = null;
                    cheapLevels.Address = null;
                    cheapLevels.AddressText = null;
                    var cheap = prior + model.Evidence(cheapLevels, 0);
                    var hasAddress = FieldComparer.HasRest(p, record.Profile, MatchField.Address);
                    var address = hasAddress ? addressMax : 0;
                    var parentsMax = (p.HasFather && record.Profile.HasFather ? model.MaxWeight((int)MatchField.FatherName) : 0)
                        + (p.HasMother && record.Profile.HasMother ? model.MaxWeight((int)MatchField.MotherName) : 0);
                    double ParentCeil(string? f, string? r, int field) => f is null || r is null ? 0 : Math.Max(0, f == r ? model.MaxWeight(field) : model.MaxWeightDisagreeing(field));
                    var parentsFolded = ParentCeil(p.Father?.FoldedKey, record.Profile.FatherFolded, (int)MatchField.FatherName)
                        + ParentCeil(p.Mother?.FoldedKey, record.Profile.MotherFolded, (int)MatchField.MotherName);
                    var sameFolded = p.Name.FoldedKey == record.Profile.Name.FoldedKey || p.Name.Alternative?.FoldedKey == record.Profile.Name.FoldedKey;
                    var nameMax = sameFolded ? model.NameAgreeWeight(index.NameFrequency(record.Profile.Name.FoldedKey)) : nameMaxNotEqual;
                    if (cheap + nameMaxGlobal + parentsMax + address < floor) boundGlobal++;
                    if (cheap + nameMax + parentsMax + address < floor) boundFolded++;
                    if (cheap + nameMax + parentsFolded + address < floor) boundFoldedParents++;
                    if (cheap + nameMax + parentsFolded < floor) boundNoAddress++;
                    // With a house number known not to agree, the address is at most same_hamlet; with no hamlet either, same_commune.
                    var fa = p.ParsedAddress;
                    var ra = hasAddress ? record.Profile.ParsedAddress : null;
                    var houseMay = fa is not null && ra is not null && fa.House.IsPresent && ra.House.IsPresent && fa.House.Key == ra.House.Key;
                    var addressHouse = !hasAddress ? 0 : houseMay ? addressMax : Math.Max(0, model.Weight(MatchField.Address, (int)CccdRecon.Core.Addresses.AddressMatchLevel.SameHamlet));
                    if (cheap + nameMax + parentsFolded + addressHouse < floor) boundHouse++;
                    var c2 = new PairComparison();
                    FieldComparer.CompareParentsQuickly(p, record.Profile, ref c2);
                    double QuickParent(ParentLevel? quick, string? f, string? r, int field) => quick is { } q ? model.Weight(field, (int)q) : ParentCeil(f, r, field);
                    var parentsQuick = QuickParent(c2.Levels.Father, p.Father?.FoldedKey, record.Profile.FatherFolded, (int)MatchField.FatherName)
                        + QuickParent(c2.Levels.Mother, p.Mother?.FoldedKey, record.Profile.MotherFolded, (int)MatchField.MotherName);
                    if (cheap + nameMax + parentsQuick + addressHouse < floor) boundQuickParents++;
                    else
                    {
                        var why = $"date {c.Levels.Date?.ToString() ?? "-"} id {c.Levels.Id?.ToString() ?? "-"} place {c.Levels.BirthPlace?.ToString() ?? "-"} sameName {sameFolded} house {houseMay}";
                        survivors[why] = survivors.GetValueOrDefault(why) + 1;
                    }
                    var hamletOnly = c.Levels.Address is { } al && al <= CccdRecon.Core.Addresses.AddressMatchLevel.SameHamlet;
                    if (cheap + nameMax + parentsFolded + (hamletOnly ? addressHouse : Math.Min(addressHouse, 0.76)) < floor) boundHamlet++;
                }
                if (best >= floor) formsWithBestAboveFloor++;
            }
        }
        double Per(long x) => x / (double)group.Count;
        Console.WriteLine($"{label}: {group.Count} forms, {Per(candidates):0.0} candidates a form; {formsWithBestAboveFloor} forms with a candidate above the floor ({floor:0.00} bits)");
        Console.WriteLine($"  first key kind: {string.Join(", ", byKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {Per(k.Value):0.0}"))}");
        Console.WriteLine($"  candidates below the floor, exact: {Per(belowFloor):0.0}; bound below the floor: name max global {Per(boundGlobal):0.0}, name by folded equality {Per(boundFolded):0.0}, + parents by folded equality {Per(boundFoldedParents):0.0}, + address known {Per(boundNoAddress):0.0}");
        Console.WriteLine($"  bound below the floor with house-aware address {Per(boundHouse):0.0}, and hamlet-aware {Per(boundHamlet):0.0}, house-aware with quick parents {Per(boundQuickParents):0.0}");
        foreach (var (why, n) in survivors.OrderByDescending(k => k.Value).Take(12)) Console.WriteLine($"    survivor {why}: {Per(n):0.00}");
        Console.WriteLine($"  full comparison {swAll.Elapsed.TotalMilliseconds * 1000 / candidates:0.00} µs/candidate wall, name alone {swName.Elapsed.TotalMilliseconds * 1000 / nameCompare:0.00}");
    }
}
