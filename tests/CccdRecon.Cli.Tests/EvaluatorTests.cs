using CccdRecon.Cli.Evaluate;

namespace CccdRecon.Cli.Tests;

public sealed class EvaluatorTests
{
    private const string Truth = """
        form_id,record_id,flags,damage
        F1,R1,,case;nfd
        F2,R2,full_name:missing_middle_name;date_of_birth:lunar_date,missing_middle_name;lunar_date
        F3,,,absent;namesake
        F4,R4,gender:different,gender_different;case
        F5,R5,,tcvn3
        """;

    private const string Results = """
        form_id,status,record_id,score,flags
        F1,clean,R1,0.998,
        F2,review,R2,0.954,full_name:missing_middle_name
        F3,review,R9,0.700,date_of_birth:year_off_by_one
        F4,review,R4,0.990,gender:different;father_name:spelling
        F5,ambiguous,R5,0.610,
        """;

    private static EvaluationReport Run() =>
        Evaluator.Evaluate(TruthCsv.ReadTruth(new StringReader(Truth)), TruthCsv.ReadResults(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Results))));

    [Fact]
    public void Links_count_clean_and_review_only()
    {
        var r = Run();
        Assert.Equal(4, r.TrueLinks);
        Assert.Equal(4, r.PredictedLinks); // F5 is ambiguous: not a link
        Assert.Equal(3, r.CorrectLinks);   // F3 linked a person who is not in the registry
        Assert.Equal(0.75, r.LinkPrecision, 6);
        Assert.Equal(0.75, r.LinkRecall, 6);
        Assert.Equal(0.75, r.LinkF1, 6);
    }

    [Fact]
    public void Flags_are_scored_per_field_on_correctly_linked_forms()
    {
        var r = Run();
        var byField = r.FlagsByField.ToDictionary(f => f.Field);
        Assert.Equal((1, 1, 1), (byField["full_name"].TrueFlags, byField["full_name"].RaisedFlags, byField["full_name"].Correct));
        Assert.Equal((1, 0, 0), (byField["date_of_birth"].TrueFlags, byField["date_of_birth"].RaisedFlags, byField["date_of_birth"].Correct));
        Assert.Equal(0.0, byField["father_name"].Precision);
        // F3's wrong-link flag is not counted: 3 true, 3 raised, 2 right.
        Assert.Equal((3, 3, 2), (r.FlagsOverall.TrueFlags, r.FlagsOverall.RaisedFlags, r.FlagsOverall.Correct));
    }

    [Fact]
    public void Cosmetic_only_forms_count_when_clean_and_statuses_are_tallied()
    {
        var r = Run();
        Assert.Equal(2, r.CosmeticOnlyForms);
        Assert.Equal(1, r.CosmeticOnlyClean);
        Assert.Equal(3, r.StatusCounts["review"]);
        Assert.Equal(1, r.StatusCounts["ambiguous"]);
    }

    [Fact]
    public void Damage_breakdown_shows_the_weak_spots()
    {
        var r = Run();
        var kinds = r.Damages.ToDictionary(d => d.Damage);
        Assert.Equal(2, kinds["case"].Forms);
        Assert.Equal(0.5, kinds["case"].FullyCorrect); // F1 right, F4 flagged an extra field
        Assert.Equal(1.0, kinds["nfd"].CleanShare);
        Assert.Equal(0.0, kinds["tcvn3"].CleanShare);
        Assert.Equal(0.5, kinds["lunar_date"].FlagRecall);
        Assert.Equal(0.0, kinds["absent"].LinkCorrect);
        Assert.Null(kinds["absent"].CleanShare);
        Assert.Equal(0.0, r.WorstDamages[0].FullyCorrect);
        Assert.DoesNotContain(r.WorstDamages, d => d.Damage is "nfd" or "case");
    }

    [Fact]
    public void Absent_and_registered_outcomes_are_counted_apart()
    {
        var r = Run();
        Assert.Equal(new AbsentOutcome(1, 0, 0, 1), r.Absent);
        Assert.Equal(1.0, r.Absent!.LinkedShare);
        Assert.Equal(0.0, r.Absent.NoMatchShare);
        // F1, F2, F4 linked right; F5 ambiguous.
        Assert.Equal(new PresentOutcome(4, 3, 0, 0, 1), r.Present);
        Assert.Equal(1, r.Present!.Missed);
        Assert.Equal(1, r.WrongLinks);
    }

    [Fact]
    public void Each_damage_tag_counts_right_decisions_wrong_links_and_misses()
    {
        var kinds = Run().Damages.ToDictionary(d => d.Damage);
        Assert.Equal((0.0, 1, 0), (kinds["absent"].DecisionCorrect, kinds["absent"].WrongLinks, kinds["absent"].Missed));
        Assert.Equal((0.0, 0, 1), (kinds["tcvn3"].DecisionCorrect, kinds["tcvn3"].WrongLinks, kinds["tcvn3"].Missed));
        Assert.Equal((1.0, 0, 0), (kinds["case"].DecisionCorrect, kinds["case"].WrongLinks, kinds["case"].Missed));
    }

    [Fact]
    public void An_absent_person_is_decided_right_only_by_no_match()
    {
        const string truth = "form_id,record_id,flags,damage\nA1,,,absent\nA2,,,absent\nA3,,,absent\n";
        const string results = "form_id,status,record_id,score,flags\nA1,no_match,,0.01,\nA2,ambiguous,R7,0.5,\nA3,clean,R8,0.99,\n";
        var r = Evaluator.Evaluate(TruthCsv.ReadTruth(new StringReader(truth)), TruthCsv.ReadResults(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(results))));
        Assert.Equal(new AbsentOutcome(3, 1, 1, 1), r.Absent);
        var absent = r.Damages.Single();
        Assert.Equal(1.0 / 3, absent.DecisionCorrect, 6);
        Assert.Equal(2.0 / 3, absent.LinkCorrect, 6); // not linked: no_match and ambiguous
        Assert.Equal(1, absent.WrongLinks);
    }

    [Fact]
    public void Forms_without_a_result_count_as_unlinked()
    {
        var r = Evaluator.Evaluate(TruthCsv.ReadTruth(new StringReader(Truth)), []);
        Assert.Equal(5, r.FormsWithoutResult);
        Assert.Equal(0, r.LinkRecall);
        Assert.Equal(1.0, r.Damages.Single(d => d.Damage == "absent").LinkCorrect);
    }

    [Fact]
    public void Report_prints_as_text_and_json()
    {
        var r = Run();
        var text = new StringWriter();
        ReportPrinter.WriteText(text, r);
        Assert.Contains("precision 0.7500  recall 0.7500", text.ToString());
        Assert.Contains("absent people: 1 forms -> no_match 0.0%, ambiguous 0.0%, linked to a record 100.0% (1)", text.ToString());
        var json = System.Text.Json.JsonDocument.Parse(ReportPrinter.ToJson(r)).RootElement;
        // The keys scripts already read stay; the new ones are added beside them.
        foreach (var key in new[] { "link_precision", "link_recall", "link_f1", "flags_overall", "cosmetic_only_clean_share", "status_counts", "damages", "worst_damages", "absent", "present", "wrong_links" })
            Assert.True(json.TryGetProperty(key, out _), key);
        Assert.Equal(0.75, json.GetProperty("link_f1").GetDouble());
        Assert.Equal(0.0, json.GetProperty("absent").GetProperty("no_match_share").GetDouble());
        var damage = json.GetProperty("damages")[0];
        foreach (var key in new[] { "damage", "forms", "link_correct", "fully_correct", "decision_correct", "wrong_links", "missed" })
            Assert.True(damage.TryGetProperty(key, out _), key);
    }
}
