using System.Globalization;

namespace CccdRecon.Core.Matching;

/// <summary>Turns a classification into the result: status, discrepancies, and the explanation in words and weights.</summary>
internal sealed class Explanations(MatchModel model, MatchingOptions options)
{
    public Reconciliation Unreadable(SurveyForm form, IReadOnlyList<string> normalizations, double priorWeight, string why) =>
        new(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations, Explanation(priorWeight, [], [], why));

    public Reconciliation Decide(SurveyForm form, PersonProfile profile, List<Scored> scored, IReadOnlyList<string> normalizations,
        Classification outcome, double priorWeight)
    {
        var verdict = outcome.Verdict;
        if (verdict == Verdict.NoCandidate)
            return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations,
                Explanation(priorWeight, [], [], "no registry record shares a blocking key with this form"));

        var candidates = new CandidateScore[Math.Min(scored.Count, options.ExplainCandidates)];
        for (var i = 0; i < candidates.Length; i++)
        {
            var s = scored[i];
            candidates[i] = new CandidateScore(s.Record.Record.RecordId, Round(s.Probability), Math.Round(s.Weight, 2), KindNames(s.Kinds), s.Pruned);
        }
        var threshold = options.MatchThreshold;
        switch (verdict)
        {
            case Verdict.Ambiguous:
            {
                var (first, second) = (scored[outcome.First], scored[outcome.Second]);
                return new Reconciliation(form.FormId, MatchStatus.Ambiguous, first.Record.Record.RecordId, Round(first.Probability), [], normalizations,
                    Explanation(priorWeight, Fields(first), candidates,
                        $"{second.Record.Record.RecordId} scores {Format(second.Probability)}, only {first.Weight - second.Weight:0.0} bits behind the best (needs {options.AmbiguityMarginBits:0.0}): the data cannot tell them apart"));
            }
            case Verdict.NotCorroborated:
            {
                // Every candidate pruned means none could reach the ambiguity threshold even at its upper bound.
                var top = outcome.First >= 0 ? scored[outcome.First] : default;
                var why = top.Record is null
                    ? $"no candidate can be linked: even the best ({scored[0].Record.Record.RecordId}) could score at most {Format(Posterior.Alone(scored[0].Weight))}"
                    : $"no candidate can be linked: the best ({top.Record.Record.RecordId}) {DecisionRules.WhyNotLinkable(top.Comparison.Levels, model, options)}";
                return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, 0, [], normalizations,
                    Explanation(priorWeight, Fields(top.Record is null ? scored[0] : top), candidates, why));
            }
        }
        var best = scored[outcome.Chosen];
        var evidence = Fields(best);
        if (verdict == Verdict.BelowThreshold)
        {
            return new Reconciliation(form.FormId, MatchStatus.NoMatch, null, Round(best.Probability), [], normalizations,
                Explanation(priorWeight, evidence, candidates, $"best candidate {Format(best.Probability)} is below the match threshold {Format(threshold)}"));
        }
        var discrepancies = Discrepancies.Find(form, profile, best.Record, best.Comparison);
        var status = discrepancies.Count == 0 ? MatchStatus.Clean : MatchStatus.Review;
        var decision = status == MatchStatus.Clean
            ? $"matched at {Format(best.Probability)} ≥ {Format(threshold)}; every difference is cosmetic"
            : $"matched at {Format(best.Probability)} ≥ {Format(threshold)}; {discrepancies.Count} field(s) differ in substance";
        return new Reconciliation(form.FormId, status, best.Record.Record.RecordId, Round(best.Probability), discrepancies, normalizations,
            Explanation(priorWeight, evidence, candidates, decision));
    }

    /// <summary>One chosen pair explained as if its record were the only candidate (<see cref="Reconciler.ExplainPair"/>).</summary>
    public PairExplanation Pair(SurveyForm form, PersonProfile profile, Scored pair, double priorWeight)
    {
        var recordId = pair.Record.Record.RecordId;
        var why = DecisionRules.WhyNotLinkable(pair.Comparison.Levels, model, options);
        var discrepancies = Discrepancies.Find(form, profile, pair.Record, pair.Comparison);
        var probability = Round(pair.Probability);
        var decision = why is null
            ? $"{recordId} alone would score {Format(probability)}; {discrepancies.Count} field(s) differ in substance"
            : $"{recordId} alone would score {Format(probability)}; the engine would not link it: it {why}";
        return new PairExplanation(recordId, probability, Math.Round(pair.Weight, 2), why is null,
            Explanation(priorWeight, Fields(pair), [], decision), discrepancies);
    }

    private MatchExplanation Explanation(double priorWeight, IReadOnlyList<FieldEvidence> fields, IReadOnlyList<CandidateScore> candidates, string decision) =>
        new(Math.Round(priorWeight, 2), fields, candidates, decision, model.Version);

    /// <summary>Per field: the level reached, its weight in bits and the evidence behind it.</summary>
    private List<FieldEvidence> Fields(in Scored s)
    {
        var list = new List<FieldEvidence>(FieldCatalog.Count);
        ref var c = ref s.Comparison;
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var spec = FieldCatalog.Fields[f];
            var level = c.Levels[f];
            if (level < 0)
            {
                list.Add(f is (int)MatchField.Address or (int)MatchField.AddressText && c.AddressSkipped
                    ? new FieldEvidence(spec.Name, "not_compared", 0, "not compared: no address could change this decision")
                    : f == (int)MatchField.FullName && c.NameSkipped
                    ? new FieldEvidence(spec.Name, "not_compared", 0, "not compared: even its best name kept this candidate's bound out of reach")
                    : new FieldEvidence(spec.Name, "missing", 0, f == (int)MatchField.FullName
                        ? "the form's name is unreadable: no evidence either way" : "absent on one side: no evidence either way"));
                continue;
            }
            double weight;
            string detail;
            if (f == (int)MatchField.FullName && c.NameFrequency > 0 && (NameLevel)level < NameLevel.Similar)
            {
                var tf = c.NameFrequency;
                weight = model.NameWeight((NameLevel)level, tf);
                detail = $"{c.Name.Detail}; the record's name has frequency {tf.ToString("0.######", CultureInfo.InvariantCulture)} in the registry";
            }
            else
            {
                weight = model.Weight(f, level);
                detail = Detail((MatchField)f, c);
            }
            list.Add(new FieldEvidence(spec.Name, spec.Levels[level].Name, Math.Round(weight, 2), detail));
        }
        return list;
    }

    private static readonly string[] DateDetails =
        Enum.GetValues<Dates.DateAgreement>().Select(d => $"date comparison: {d}").ToArray();

    private static string Detail(MatchField field, in PairComparison c) => field switch
    {
        MatchField.FullName => c.Name.Detail,
        MatchField.DateOfBirth => c.Date is { } d ? DateDetails[(int)d] : "",
        MatchField.PersonalId => c.Id is { } id ? $"digits: {id}" : c.IdConsistent == true
            ? "registry has no comparable number; the form's number encodes the record's gender and birth year"
            : "registry has no comparable number; the form's number contradicts the record's gender or birth year",
        MatchField.FatherName => c.Father?.Detail ?? "",
        MatchField.MotherName => c.Mother?.Detail ?? "",
        MatchField.Address => c.AddressDetail is { } a ? AddressDetail(a) : "",
        MatchField.AddressText => $"not a Vietnamese address on either side: token-set similarity {c.AddressScore}/100",
        _ => "",
    };

    /// <summary>Which parts agreed, without quoting the addresses (explanations are stored and listed).</summary>
    private static string AddressDetail(Addresses.AddressComparison a) =>
        $"province {Part(a.Province)}, district {Part(a.District)}, commune {Part(a.Commune)}, hamlet/street {Part(a.Hamlet)}, house {Part(a.House)}";

    private static string Part(Addresses.PartAgreement p) => p switch
    {
        Addresses.PartAgreement.Agrees => "agrees",
        Addresses.PartAgreement.AgreesAcrossEras => "agrees across the 2025 map",
        Addresses.PartAgreement.Differs => "differs",
        Addresses.PartAgreement.Unknown => "cannot be compared",
        _ => "absent",
    };

    private static readonly (BlockingKeyKind Kind, string Name)[] KeyKinds =
        Enum.GetValues<BlockingKeyKind>().Select(k => (k, k.ToString())).ToArray();

    // Candidates are found by a few combinations of key kinds: each combination's names are listed once and shared.
    private static readonly string[]?[] KindNameLists = new string[]?[2 << (int)Enum.GetValues<BlockingKeyKind>().Max()];

    private static string[] KindNames(uint kinds)
    {
        if (kinds < (uint)KindNameLists.Length && Volatile.Read(ref KindNameLists[kinds]) is { } cached) return cached;
        var names = new List<string>(4);
        foreach (var (kind, name) in KeyKinds)
            if ((kinds & 1u << (int)kind) != 0) names.Add(name);
        var list = names.ToArray();
        if (kinds < (uint)KindNameLists.Length) Volatile.Write(ref KindNameLists[kinds], list);
        return list;
    }

    private static double Round(double p) => Math.Round(p, 3);
    private static string Format(double p) => p.ToString("0.000", CultureInfo.InvariantCulture);
}
