using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

public sealed class MatchModelTests
{
    private const int Id = (int)MatchField.PersonalId;

    private static LevelVector Vector(NameLevel? name = null, DateLevel? date = null, IdLevel? id = null, ParentLevel? parents = null) =>
        LevelVector.Missing with { Name = name, Date = date, Id = id, Father = parents, Mother = parents };

    private static double[][] StartM() => FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialM).ToArray()).ToArray();
    private static double[][] StartU() => FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialU).ToArray()).ToArray();

    [Fact]
    public void Em_does_not_learn_the_blocking_rule_as_the_match_class()
    {
        // A name-and-date block: 1,000 true matches (ID and parents agree) and 3,000 namesakes born the same day (ID
        // and parents differ). Every pair agrees on name and date because that is how the block was formed.
        var pairs = Enumerable.Repeat(Vector(NameLevel.Agree, DateLevel.Equal, IdLevel.Equal, ParentLevel.Agree), 1000)
            .Concat(Enumerable.Repeat(Vector(NameLevel.Agree, DateLevel.Equal, IdLevel.Different, ParentLevel.Different), 3000)).ToList();
        var kinds = 1u << (int)BlockingKeyKind.GivenDate;
        var sessions = TrainingSessions.Split(pairs.Select(p => (p, kinds)).ToList());

        var (m, _) = MEstimation.Estimate(StartM(), StartU(), sessions);
        var model = new MatchModel(m, StartU(), 0.9, ModelTraining.None);

        // The ID is the only field that tells these pairs apart: a different ID must remain strong evidence against.
        Assert.True(model.M(Id, (int)IdLevel.Different) < 0.05, $"m(ID different) = {model.M(Id, (int)IdLevel.Different):0.000}");
        Assert.True(model.Weight(Id, (int)IdLevel.Different) < -3, $"weight(ID different) = {model.Weight(Id, (int)IdLevel.Different):0.00}");
    }

    [Fact]
    public void Fields_a_session_blocked_on_keep_their_prior_m()
    {
        var pairs = Enumerable.Repeat(Vector(NameLevel.Agree, DateLevel.Equal, IdLevel.Equal), 500)
            .Concat(Enumerable.Repeat(Vector(NameLevel.Different, DateLevel.Different, IdLevel.Equal), 500)).ToList();
        var sessions = TrainingSessions.Split(pairs.Select(p => (p, 1u << (int)BlockingKeyKind.PersonalId)).ToList());
        var (m, _) = MEstimation.Estimate(StartM(), StartU(), sessions);
        Assert.Equal(StartM()[Id][(int)IdLevel.Equal], m[Id][(int)IdLevel.Equal], 6);
        Assert.True(m[(int)MatchField.FullName][(int)NameLevel.Agree] > 0.8, $"m(name agree) = {m[(int)MatchField.FullName][(int)NameLevel.Agree]:0.000}");
    }

    [Fact]
    public void Look_alikes_the_rules_could_never_link_do_not_teach_that_a_different_id_is_common_among_matches()
    {
        // Regression: namesakes from the same commune (name, birth place and address alike; date and ID differ) were
        // judged matches by EM, m(ID different) rose to 0.10 and a different ID weighed only -3.2 bits.
        var matches = Enumerable.Repeat(Vector(NameLevel.Agree, DateLevel.Equal, IdLevel.Equal), 1000);
        var lookAlikes = Enumerable.Repeat(Vector(NameLevel.Agree, DateLevel.Different, IdLevel.Different), 1000)
            .Select(v => v with { BirthPlace = BirthPlaceLevel.Agree, Gender = GenderLevel.Agree });
        var pairs = matches.Concat(lookAlikes).ToList();
        var sessions = TrainingSessions.Split(pairs.Select(p => (p, 1u << (int)BlockingKeyKind.SurnameGivenYear)).ToList());
        var (m, _) = MEstimation.Estimate(StartM(), StartU(), sessions);
        Assert.True(m[Id][(int)IdLevel.Different] < 0.03, $"m(ID different) = {m[Id][(int)IdLevel.Different]:0.000}");
    }

    /// <summary>
    /// A candidate's bound starts from the evidence of its identifiers alone (<see cref="MatchModel.IdentifierEvidence"/>):
    /// the same double, to the bit, as <see cref="MatchModel.Evidence"/> of those levels, for every combination of date,
    /// gender, ID and birth-place levels (each missing too), under random weights.
    /// </summary>
    [Fact]
    public void Identifier_evidence_is_the_evidence_of_the_identifiers_to_the_bit()
    {
        var rng = new Random(26);
        var checkedVectors = 0;
        for (var round = 0; round < 20; round++)
        {
            var m = StartM().Select(r => r.Select(_ => 0.01 + rng.NextDouble()).ToArray()).ToArray();
            var u = StartU().Select(r => r.Select(_ => 0.001 + rng.NextDouble()).ToArray()).ToArray();
            var model = new MatchModel(m, u, 0.5 + rng.NextDouble() * 0.4, ModelTraining.None);
            int Levels(MatchField f) => FieldCatalog.Of(f).LevelCount;
            for (var date = -1; date < Levels(MatchField.DateOfBirth); date++)
                for (var gender = -1; gender < Levels(MatchField.Gender); gender++)
                    for (var id = -1; id < Levels(MatchField.PersonalId); id++)
                        for (var place = -1; place < Levels(MatchField.BirthPlace); place++)
                        {
                            var v = LevelVector.Missing with
                            {
                                Date = date < 0 ? null : (DateLevel)date, Gender = gender < 0 ? null : (GenderLevel)gender,
                                Id = id < 0 ? null : (IdLevel)id, BirthPlace = place < 0 ? null : (BirthPlaceLevel)place,
                            };
                            Assert.Equal(BitConverter.DoubleToInt64Bits(model.Evidence(v, 0)), BitConverter.DoubleToInt64Bits(model.IdentifierEvidence(v)));
                            checkedVectors++;
                        }
        }
        Assert.True(checkedVectors > 1_000);
    }
}
