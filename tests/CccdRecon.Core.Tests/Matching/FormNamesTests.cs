using CccdRecon.Core.Dates;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// A form's own names are worked out once a form and reused for each of its candidates (<see cref="FormNames"/>), among
/// them the name's ceiling at agreement (<see cref="FormNames.OwnAgreementCeiling"/>): what is kept for one form must be
/// that form's, never the form before's.
/// </summary>
public sealed class FormNamesTests
{
    [Fact]
    public void An_agreeing_names_ceiling_kept_for_one_form_is_never_the_one_before()
    {
        var rng = new Random(11);
        var registry = PruningTests.Registry(rng, 1_500);
        // A rare name beside the crowded ones (a few names shared by dozens): its agreement weighs far more.
        registry.Add(registry[0] with { RecordId = "R-RARE", FullName = "Đinh Thị Huyền" });
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var model = ModelTrainer.Train(index, PruningTests.Forms(rng, registry, 600), new MatchingOptions(), new FakeTimeProvider(RegistryFixture.Now));
        var bound = new CandidateScoreBound(index, model);
        var common = registry.GroupBy(r => r.FullName).MaxBy(g => g.Count())!.First();
        var rare = registry[^1];
        using var read = index.Read();

        double Ceiling(FormNames names, PersonProfile form, RegistryRecord record)
        {
            var profile = PersonProfile.FromRecord(record, index.Today);
            return bound.NameCeiling(form, names, RecordSketch.Of(profile, index.NameIdOf(profile.Name.FoldedKey)));
        }
        double Alone(PersonProfile form, RegistryRecord record)
        {
            var names = new FormNames();
            names.Reset(form, index);
            return Ceiling(names, form, record);
        }

        var commonForm = PersonProfile.FromForm(RegistryFixture.FormOf(common), index.Today);
        var rareForm = PersonProfile.FromForm(RegistryFixture.FormOf(rare), index.Today);
        // The two ceilings differ, so a value kept from the form before would show.
        Assert.True(Alone(rareForm, rare) > Alone(commonForm, common) + 1, $"rare {Alone(rareForm, rare)}, common {Alone(commonForm, common)}");

        var shared = new FormNames();
        foreach (var (form, record) in (ReadOnlySpan<(PersonProfile, RegistryRecord)>)[(commonForm, common), (rareForm, rare), (commonForm, common), (rareForm, rare)])
        {
            var names = shared.For(form, index);
            // Asked twice a form (the second from what was kept), and the same as the form alone, to the bit.
            Assert.Equal(Alone(form, record), Ceiling(names, form, record));
            Assert.Equal(Alone(form, record), Ceiling(names, form, record));
        }
    }

    [Fact]
    public void A_ceiling_kept_for_one_model_is_never_another_models()
    {
        var rng = new Random(12);
        var registry = PruningTests.Registry(rng, 1_500);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var trained = ModelTrainer.Train(index, PruningTests.Forms(rng, registry, 600), new MatchingOptions(), new FakeTimeProvider(RegistryFixture.Now));
        var bounds = new[] { new CandidateScoreBound(index, trained), new CandidateScoreBound(index, MatchModel.Default) };
        var record = PersonProfile.FromRecord(registry[0], index.Today);
        var form = PersonProfile.FromForm(RegistryFixture.FormOf(registry[0]), index.Today);
        using var read = index.Read();
        var sketch = RecordSketch.Of(record, index.NameIdOf(record.Name.FoldedKey));
        var alone = bounds.Select(b =>
        {
            var names = new FormNames();
            names.Reset(form, index);
            return b.NameCeiling(form, names, sketch);
        }).ToArray();
        Assert.NotEqual(alone[0], alone[1]);

        var shared = new FormNames().For(form, index);
        foreach (var i in (ReadOnlySpan<int>)[0, 1, 0, 1])
            Assert.Equal(alone[i], bounds[i].NameCeiling(form, shared, sketch));
    }
}
