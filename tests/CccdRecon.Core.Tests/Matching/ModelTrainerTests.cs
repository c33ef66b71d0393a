using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>Two small provinces, 5 % and 30 % of forms from people the registry lacks, each trained once for all tests.</summary>
public sealed class TrainedProvinces
{
    public TrainedProvinces()
    {
        Few = Train(new SmallProvince(2_500, 0.05, seed: 1));
        Many = Train(new SmallProvince(2_500, 0.3, seed: 2));
    }

    internal (SmallProvince Province, RegistryIndex Index, MatchModel Model) Few { get; }
    internal (SmallProvince Province, RegistryIndex Index, MatchModel Model) Many { get; }

    internal static (SmallProvince, RegistryIndex, MatchModel) Train(SmallProvince province)
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(province.Registry);
        return (province, index, ModelTrainer.Train(index, province.Forms, new MatchingOptions(), new FakeTimeProvider(RegistryFixture.Now)));
    }
}

public sealed class ModelTrainerTests(TrainedProvinces trained) : IClassFixture<TrainedProvinces>
{
    private static readonly FakeTimeProvider Time = new(RegistryFixture.Now);

    private (SmallProvince Province, RegistryIndex Index, MatchModel Model) Trained(bool manyAbsent) => manyAbsent ? trained.Many : trained.Few;

    [Fact]
    public void U_is_counted_on_forms_against_the_registry_not_on_registry_pairs()
    {
        // Regression: u was counted on registry × registry pairs. Two registry records never show a level that only
        // forms produce: here forms give the year of birth only, so "consistent as far as known" is common between a
        // form and any record born that year (1 in 75), and unseen between two records with full dates. Counted on
        // registry pairs its u came out tiny and agreeing on a year weighed like agreeing on a date (+12 bits), just as
        // a "different" address once weighed +21 bits.
        var (_, _, model) = TrainedProvinces.Train(new SmallProvince(1_500, 0.05, seed: 7, yearOnly: true));
        var partial = model.Describe().Single(p => p.Field == "date_of_birth" && p.Level == "consistent_partial");
        Assert.True(partial.U > 0.005, $"u(date consistent_partial) = {partial.U:0.000000}");
        Assert.True(partial.EstimatedWeight < 8, $"a year that agrees was estimated at {partial.EstimatedWeight:0.00} bits");
    }

    [Fact]
    public void U_leaves_out_the_pairs_of_a_form_with_its_own_record()
    {
        // A random form × record pair is the form's own person with probability π/N: in a registry of 500 that is 1 in
        // 500 pairs, and nearly every pair with equal ID numbers. Counted as strangers they made an equal ID weigh
        // log2(m·N/π) ≈ 9 bits instead of the ~15 it is worth.
        var (_, _, model) = TrainedProvinces.Train(new SmallProvince(500, 0.05, seed: 6));
        var idEqual = model.Describe().Single(p => p.Field == "personal_id" && p.Level == "equal");
        Assert.True(idEqual.U < 0.3 / 500, $"u(ID equal) = {idEqual.U:0.000000} against 1/N = {1.0 / 500:0.000000}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Weights_follow_the_order_of_each_fields_levels(bool manyAbsent)
    {
        var (_, _, model) = Trained(manyAbsent);
        foreach (var field in model.Describe().GroupBy(p => p.Field))
        {
            var spec = FieldCatalog.Fields.Single(f => f.Name == field.Key);
            var weights = field.Select(p => p.Weight).ToArray();
            for (var a = 0; a < weights.Length; a++)
                for (var b = 0; b < weights.Length; b++)
                    if (spec.Levels[a].Rank < spec.Levels[b].Rank)
                        Assert.True(weights[b] <= weights[a] + 1e-9, $"{field.Key}: {spec.Levels[b].Name} {weights[b]:0.00} > {spec.Levels[a].Name} {weights[a]:0.00}");
            for (var l = 0; l < weights.Length; l++)
                if (spec.Levels[l].Meaning == LevelMeaning.Differs) Assert.True(weights[l] <= 0, $"{field.Key}.{spec.Levels[l].Name} = {weights[l]:0.00} bits");
        }
        // Every weight that moved is reported, with its estimate.
        foreach (var held in model.HeldBack)
            Assert.NotEqual(held.EstimatedWeight, held.Weight);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_share_of_forms_whose_person_is_present_is_estimated(bool manyAbsent)
    {
        var (province, _, model) = Trained(manyAbsent);
        var present = province.Truth.Values.Count(v => v is not null) / (double)province.Truth.Count;
        Assert.InRange(model.PresentShare, present - 0.05, present + 0.05);
    }

    [Fact]
    public void Training_returns_a_new_model_and_changes_no_reconciler()
    {
        var (province, index, model) = Trained(manyAbsent: false);
        var reconciler = new Reconciler(index, new MatchingOptions(), Time);
        var before = reconciler.Reconcile(province.Forms[0]);
        Assert.Same(MatchModel.Default, reconciler.Model);
        Assert.Equal(before.Explanation.ModelVersion, reconciler.Reconcile(province.Forms[0]).Explanation.ModelVersion);
        Assert.NotEqual(MatchModel.Default.Version, model.Version);
        Assert.Equal(model.Version, reconciler.WithModel(model).Reconcile(province.Forms[0]).Explanation.ModelVersion);
        // The same data trains the same model.
        Assert.Equal(model.Version, ModelTrainer.Train(index, province.Forms, new MatchingOptions(), Time).Version);
    }

    [Fact]
    public void People_absent_from_the_registry_are_not_linked_whatever_their_namesakes()
    {
        var (province, index, model) = Trained(manyAbsent: true);
        var reconciler = new Reconciler(index, new MatchingOptions(), Time, model);
        var linkedAbsent = province.Forms.Where(f => province.Truth[f.FormId] is null)
            .Select(reconciler.Reconcile).Where(r => r.RecordId is not null && r.Status is MatchStatus.Clean or MatchStatus.Review).ToList();
        Assert.True(linkedAbsent.Count == 0, string.Join("\n", linkedAbsent.Select(r => $"{r.FormId} → {r.RecordId}: {r.Explanation.Decision}")));
    }
}
