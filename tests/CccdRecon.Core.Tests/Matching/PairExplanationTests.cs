using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>A record a reviewer chose is explained with the engine's own comparison: evidence, probability, differences.</summary>
public sealed class PairExplanationTests
{
    private static Reconciler Engine()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange([RegistryFixture.Hoa, RegistryFixture.TwinA, RegistryFixture.TwinB]);
        return new Reconciler(index, new MatchingOptions(), new FakeTimeProvider(RegistryFixture.Now));
    }

    [Fact]
    public void The_right_record_is_linkable_with_its_differences()
    {
        var form = new SurveyForm { FormId = "F", FullName = "NGUYEN HOA", DateOfBirth = "12/03/1990", PersonalId = "001090012345", Gender = "Nam" };
        var pair = Engine().ExplainPair(form, RegistryFixture.Hoa);
        Assert.True(pair.Linkable);
        Assert.True(pair.Probability > 0.9);
        Assert.Equal(PersonFields.FullName, Assert.Single(pair.Discrepancies).Field);
        Assert.Equal(pair.Weight, Math.Round(pair.Explanation.PriorWeight + pair.Explanation.Fields.Sum(f => f.Weight), 2), 1);
        Assert.Contains(pair.Explanation.Fields, f => f.Field == PersonFields.PersonalId && f.Weight > 0);
    }

    [Fact]
    public void A_twin_is_not_linkable_and_says_why()
    {
        var form = new SurveyForm { FormId = "F", FullName = "Lê Thị Mai", DateOfBirth = "04/07/1985", PersonalId = "038185001111", Gender = "Nữ" };
        var pair = Engine().ExplainPair(form, RegistryFixture.TwinB);
        Assert.False(pair.Linkable);
        Assert.Contains(pair.Discrepancies, d => d.Field == PersonFields.FullName);
        Assert.Contains("would not link", pair.Explanation.Decision);
    }
}
