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

    private static string Name(Random rng) =>
        $"{Surnames[rng.Next(Surnames.Length)]} {Middles[rng.Next(Middles.Length)]} {Givens[rng.Next(Givens.Length)]}";

    /// <summary>A crowded registry: a few names, three birth years, shared parents' names and streets.</summary>
    private static List<RegistryRecord> Registry(Random rng, int count) =>
        Enumerable.Range(0, count).Select(i => new RegistryRecord
        {
            RecordId = $"R{i:D5}",
            PersonalId = rng.Next(3) == 0 ? null : $"0011{rng.Next(70, 73):D2}{i:D6}",
            FullName = Name(rng),
            DateOfBirth = $"19{rng.Next(70, 73)}-{rng.Next(1, 13):D2}-{rng.Next(1, 29):D2}",
            Gender = rng.Next(2) == 0 ? "male" : "female",
            BirthPlace = rng.Next(4) == 0 ? "Nam Định" : "Hà Nội",
            PermanentAddress = rng.Next(4) == 0 ? null : $"Số {rng.Next(1, 30)} {Streets[rng.Next(Streets.Length)]}, Hà Nội",
            FatherName = rng.Next(5) == 0 ? null : Name(rng),
            MotherName = rng.Next(5) == 0 ? null : Name(rng),
        }).ToList();

    /// <summary>Forms of registry people with the usual damage, and of people the registry lacks.</summary>
    private static List<SurveyForm> Forms(Random rng, List<RegistryRecord> registry, int count) =>
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
            return form;
        }).ToList();

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
            Assert.True(fast.Status == full.Status && fast.RecordId == full.RecordId,
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
