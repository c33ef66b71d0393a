using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

public sealed class MatchModelTests
{
    private const int Name = (int)MatchField.FullName, Date = (int)MatchField.DateOfBirth, Id = (int)MatchField.PersonalId;
    private const int Father = (int)MatchField.FatherName, Mother = (int)MatchField.MotherName;

    private static LevelVector Vector(sbyte name, sbyte date, sbyte id, sbyte parents = -1)
    {
        var v = new LevelVector();
        for (var f = 0; f < FieldCatalog.Count; f++) v[f] = -1;
        (v[Name], v[Date], v[Id], v[Father], v[Mother]) = (name, date, id, parents, parents);
        return v;
    }

    [Fact]
    public void Em_does_not_learn_the_blocking_rule_as_the_match_class()
    {
        // A name-and-date block: 1,000 true matches (ID and parents agree) and 3,000 namesakes born the same day (ID
        // and parents differ). Every pair agrees on name and date because that is how the block was formed.
        var pairs = Enumerable.Repeat(Vector(0, 0, 0, 0), 1000).Concat(Enumerable.Repeat(Vector(0, 0, 4, 2), 3000)).ToList();
        var kinds = 1u << (int)BlockingKeyKind.GivenDate;
        var sessions = TrainingSessions.Split(pairs.Select(p => (p, kinds)).ToList());

        var model = MatchModel.Default.WithEm(sessions, pairs);

        // The ID is the only field that tells these pairs apart: a different ID must remain strong evidence against.
        Assert.True(model.M(Id, 4) < 0.05, $"m(ID different) = {model.M(Id, 4):0.000}");
        Assert.True(model.Weight(Id, 4) < -3, $"weight(ID different) = {model.Weight(Id, 4):0.00}");
    }

    [Fact]
    public void Fields_a_session_blocked_on_keep_their_prior_m()
    {
        var pairs = Enumerable.Repeat(Vector(0, 0, 0), 500).Concat(Enumerable.Repeat(Vector(7, 6, 4), 500)).ToList();
        var sessions = TrainingSessions.Split(pairs.Select(p => (p, 1u << (int)BlockingKeyKind.PersonalId)).ToList());
        var model = MatchModel.Default.WithEm(sessions, pairs);
        Assert.Equal(MatchModel.Default.M(Id, 0), model.M(Id, 0), 6);
        Assert.True(model.M(Name, 0) > 0.8, $"m(name agree) = {model.M(Name, 0):0.000}");
    }
}
