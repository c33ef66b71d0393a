using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Branch and bound keeps candidates that cannot matter at an upper bound instead of comparing them in full. That is
/// only a saving if it never changes a decision: a crowd of namesakes held at their bounds once pulled a clear match's
/// posterior under the threshold (13 forms in the 1.3M benchmark came back no_match).
/// </summary>
public sealed class PruningTests
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Đức"];
    private static readonly string[] Givens = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Nam"];
    private static readonly string[] Streets = ["Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng"];
    // Half in one province; the others include provinces merged in 2025 (Nam Định into Ninh Bình, Bắc Kạn into Thái
    // Nguyên), so that the address bound meets other provinces, one province by two names, and other house numbers.
    private static readonly string[] Provinces = ["Hà Nội", "Hà Nội", "Hà Nội", "Nam Định", "Ninh Bình", "Bắc Kạn", "Thái Nguyên"];

    private static string Name(Random rng) =>
        $"{Surnames[rng.Next(Surnames.Length)]} {Middles[rng.Next(Middles.Length)]} {Givens[rng.Next(Givens.Length)]}";

    /// <summary>A crowded registry: a few names, three birth years, shared parents' names and streets.</summary>
    internal static List<RegistryRecord> Registry(Random rng, int count) =>
        Enumerable.Range(0, count).Select(i => new RegistryRecord
        {
            RecordId = $"R{i:D5}",
            PersonalId = rng.Next(3) == 0 ? null : $"0011{rng.Next(70, 73):D2}{i:D6}",
            FullName = Name(rng),
            DateOfBirth = $"19{rng.Next(70, 73)}-{rng.Next(1, 13):D2}-{rng.Next(1, 29):D2}",
            Gender = rng.Next(2) == 0 ? "male" : "female",
            BirthPlace = rng.Next(4) == 0 ? "Nam Định" : "Hà Nội",
            PermanentAddress = rng.Next(4) == 0 ? null : $"Số {rng.Next(1, 30)} {Streets[rng.Next(Streets.Length)]}, {Provinces[rng.Next(Provinces.Length)]}",
            FatherName = rng.Next(5) == 0 ? null : Name(rng),
            MotherName = rng.Next(5) == 0 ? null : Name(rng),
        }).ToList();

    /// <summary>Forms of registry people with the usual damage, and of people the registry lacks.</summary>
    internal static List<SurveyForm> Forms(Random rng, List<RegistryRecord> registry, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            if (i % 5 == 0)
            {
                var absent = Registry(rng, 1)[0];
                return RegistryFixture.FormOf(absent, $"F{i:D5}") with { PersonalId = null };
            }
            var r = registry[rng.Next(registry.Count)];
            var form = RegistryFixture.FormOf(r, $"F{i:D5}");
            if (rng.Next(2) == 0) form = form with { PersonalId = null };
            if (rng.Next(3) == 0 && form.DateOfBirth is { } d) form = form with { DateOfBirth = d[..^1] + (char)('0' + (d[^1] - '0' + 1) % 10) };
            if (rng.Next(3) == 0) form = form with { FatherName = null, MotherName = null };
            if (rng.Next(4) == 0) form = form with { BirthPlace = "Nam Định" };
            if (rng.Next(4) == 0) form = form with { FullName = Damage(rng, form.FullName!) };
            if (rng.Next(6) == 0 && form.PermanentAddress is { } a)
                form = form with { PermanentAddress = a.Replace("Nam Định", "Ninh Bình", StringComparison.Ordinal).Replace("Bắc Kạn", "Thái Nguyên", StringComparison.Ordinal) };
            if (rng.Next(8) == 0 && form.PermanentAddress is { } b) form = form with { PermanentAddress = "Số 1" + b[3..] };
            return form;
        }).ToList();

    /// <summary>The keying errors the name levels exist for, so that every level is reached among the candidates.</summary>
    private static string Damage(Random rng, string name)
    {
        var parts = name.Split(' ');
        return rng.Next(8) switch
        {
            0 => name.ToUpperInvariant(),
            1 => CccdRecon.Core.Names.VietnameseText.Fold(name),
            2 => string.Join(' ', parts[0], parts[^1]),
            3 => string.Join(' ', parts[^1], parts[0], parts[1]),
            4 => name.Replace("Hoàng", "Huỳnh", StringComparison.Ordinal).Replace("Vũ", "Võ", StringComparison.Ordinal),
            5 => name[..^1] + (char)(name[^1] + 1),
            6 => name.Replace("ễ", "ê", StringComparison.Ordinal).Replace("à", "á", StringComparison.Ordinal),
            _ => name + " Anh",
        };
    }

    /// <summary>A crowded registry, forms for it, and two reconcilers under one model: pruning, and scoring every candidate in full.</summary>
    private static (List<SurveyForm> Forms, Reconciler Pruning, Reconciler Exhaustive) Crowd(int seed, int records, int formCount)
    {
        var rng = new Random(seed);
        var registry = Registry(rng, records);
        var forms = Forms(rng, registry, formCount);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var time = new FakeTimeProvider(RegistryFixture.Now);
        // Every candidate in the explanation, so that the pruned ones can be counted and checked.
        var options = new MatchingOptions { ExplainCandidates = 1_000 };
        var model = ModelTrainer.Train(index, forms, options, time);
        return (forms, new Reconciler(index, options, time, model), new Reconciler(index, options, time, model) { Prune = false });
    }

    [Fact]
    public void Pruning_never_changes_a_decision()
    {
        var (forms, pruning, exhaustive) = Crowd(2026_11_22, 4_000, 3_000);

        int linked = 0, pruned = 0, formsWithPruned = 0;
        foreach (var form in forms)
        {
            var fast = pruning.Reconcile(form);
            var full = exhaustive.Reconcile(form);
            Assert.True(fast.Status == full.Status && fast.RecordId == full.RecordId && fast.Flags == full.Flags,
                $"{form.FormId}: pruned {fast.Status} {fast.RecordId} ({fast.Explanation.Decision}), full {full.Status} {full.RecordId} ({full.Explanation.Decision})");
            Assert.DoesNotContain(full.Explanation.Candidates, c => c.Pruned);
            if (fast.RecordId is not null) linked++;
            var prunedHere = fast.Explanation.Candidates.Count(c => c.Pruned);
            pruned += prunedHere;
            if (prunedHere > 0) formsWithPruned++;
        }
        // The crowd must be a real test: most forms still link, and many candidates were pruned along the way.
        Assert.InRange(linked, forms.Count / 2, forms.Count);
        Assert.True(formsWithPruned >= forms.Count / 10, $"only {formsWithPruned} of {forms.Count} forms had a candidate pruned");
        Assert.True(pruned >= forms.Count, $"only {pruned} candidates pruned over {forms.Count} forms");
    }

    /// <summary>
    /// <see cref="CandidateScoreBound.NameCeiling"/> is read from the folded names alone, before the name is compared: it
    /// must be at least the name's weight in full for every pair, whatever the names (keying errors of every kind, legacy
    /// encodings, one-syllable names), or a candidate could be set aside that would have won.
    /// </summary>
    [Fact]
    public void The_name_ceiling_is_never_below_the_name_weight_in_full()
    {
        var rng = new Random(7);
        var registry = Registry(rng, 2_000);
        registry.Add(registry[0] with { RecordId = "R-ONE", FullName = "Hoàng" });
        registry.Add(registry[0] with { RecordId = "R-ONE-B", FullName = "Huỳnh" });
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var time = new FakeTimeProvider(RegistryFixture.Now);
        var forms = Forms(rng, registry, 600);
        var model = ModelTrainer.Train(index, forms, new MatchingOptions(), time);
        var bound = new CandidateScoreBound(index, model);
        var names = registry.Select(r => r.FullName!).Concat(["Hoàng", "Huỳnh", "Vũ", "HOANG", "Ph¹m V¨n Hïng", "Nguyễn Văn", "Văn Nguyễn Hùng"]).ToList();
        var profiles = registry.Select(r => PersonProfile.FromRecord(r, index.Today)).ToList();
        var levels = new HashSet<NameLevel>();
        var checkedPairs = 0;
        foreach (var name in names.Take(400))
        {
            foreach (var variant in (string[])[name, Damage(rng, name), Damage(rng, name), Damage(rng, Damage(rng, name))])
            {
                var form = PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = variant }, index.Today);
                // Against its own record's likenesses and a spread of strangers.
                for (var k = 0; k < 60; k++)
                {
                    var own = names.IndexOf(name);
                    var record = profiles[k < 2 && own < profiles.Count ? own : rng.Next(profiles.Count)];
                    var c = new PairComparison { Levels = LevelVector.Missing };
                    FieldComparer.CompareName(form, record, ref c);
                    if (c.Levels.Name is not { } level) continue;
                    var frequency = level < NameLevel.Similar ? index.NameFrequency(record.Name.FoldedKey) : 0;
                    var full = model.Evidence(c.Levels, frequency);
                    var ceiling = bound.NameCeiling(form, record);
                    Assert.True(full <= ceiling + 1e-9, $"'{variant}' against '{record.Name.Display}': {level} weighs {full:0.00} in full, above the ceiling {ceiling:0.00}");
                    levels.Add(level);
                    checkedPairs++;
                }
            }
        }
        // A real test: the keying-error levels and plain strangers were all met.
        Assert.Contains(NameLevel.Agree, levels);
        Assert.Contains(NameLevel.MiddleName, levels);
        Assert.Contains(NameLevel.Spelling, levels);
        Assert.Contains(NameLevel.Different, levels);
        Assert.True(checkedPairs > 50_000, $"only {checkedPairs} pairs");
    }

    /// <summary>
    /// Most of an absent person's candidates are set aside before their name is compared (their date, ID number or
    /// birth place already rules them out); that must happen here, or the saving is gone unnoticed.
    /// </summary>
    [Fact]
    public void Candidates_are_set_aside_before_their_name_is_compared()
    {
        var (forms, pruning, exhaustive) = Crowd(11, 4_000, 1_000);
        var (search, scorer) = (new CandidateSearch(pruning.Index, pruning.Options), new CandidateScorer(pruning.Index, pruning.Options, pruning.Model));
        var scratch = new MatchScratch();
        int skipped = 0, compared = 0;
        foreach (var form in forms)
        {
            var profile = PersonProfile.FromForm(form, pruning.Index.Today);
            scratch.Reset();
            using (pruning.Index.Read())
            {
                var prior = pruning.Model.PriorWeight(pruning.Index.CountInRead);
                foreach (var stage in CandidateSearch.Stages)
                {
                    var before = scratch.Candidates.Count;
                    search.Gather(profile, stage, scratch.Keys, scratch.Candidates);
                    scorer.ScoreNew(profile, scratch, before, prior);
                }
            }
            // Those set aside are kept apart from the scored list (SetAsideCandidates): all of them, with the others.
            Assert.Equal(scratch.Counts.SetAsideUnnamed, scratch.SetAside.Count);
            scratch.Counts = default;
            scratch.SetAside.KeepAll(scratch.Scored, scorer.RestoreFor(profile, scratch));
            foreach (var s in scratch.Scored)
            {
                if (s.Comparison.NameSkipped) { skipped++; Assert.True(s.Pruned); }
                else compared++;
            }
            var (fast, full) = (pruning.Reconcile(form), exhaustive.Reconcile(form));
            Assert.Equal((full.Status, full.RecordId, full.Flags), (fast.Status, fast.RecordId, fast.Flags));
        }
        Assert.True(skipped > compared / 4, $"{skipped} candidates set aside before the name, {compared} compared");
    }

    /// <summary>
    /// The bound is exact branch and bound: every pruned candidate's weight in full is at most the bound it was kept at,
    /// so no candidate left out could have won or made the case ambiguous (the verdicts are compared above). Checked
    /// on every candidate of every form, present and absent, against exhaustive scoring.
    /// </summary>
    [Fact]
    public void A_pruned_candidate_never_scores_above_its_bound()
    {
        var (forms, pruning, exhaustive) = Crowd(9, 3_000, 2_000);

        var pruned = 0;
        foreach (var form in forms)
        {
            var fast = pruning.Reconcile(form);
            var full = exhaustive.Reconcile(form).Explanation.Candidates.ToDictionary(c => c.RecordId, c => c.Weight);
            Assert.Equal(full.Count, fast.Explanation.Candidates.Count);
            foreach (var candidate in fast.Explanation.Candidates)
            {
                if (!candidate.Pruned) continue;
                pruned++;
                // Weights are shown to two decimals.
                Assert.True(full[candidate.RecordId] <= candidate.Weight + 0.01,
                    $"{form.FormId}: {candidate.RecordId} scores {full[candidate.RecordId]} in full, above its bound {candidate.Weight}");
            }
        }
        Assert.True(pruned >= forms.Count, $"only {pruned} candidates pruned over {forms.Count} forms");
    }
}
