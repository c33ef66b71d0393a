using CccdRecon.Core.Matching;

namespace CccdRecon.Reports.Tests;

/// <summary>List entries from the console's cases: reviewers' decisions before the engine's suggestions.</summary>
public sealed class ReviewedCaseTests
{
    private static readonly SurveyForm Form = new() { FormId = "F1", FullName = "NGUYEN HOA", DateOfBirth = "12/03/1985", PersonalId = "001085000123", PermanentAddress = "Số 1, phường An Khánh, Hà Nội" };

    private static readonly Discrepancy Name = new("full_name", "missing_middle_name", "NGUYEN HOA", "Nguyễn Văn Hoà", "Nguyễn Văn Hoà", "the form drops the middle name");
    private static readonly Discrepancy Date = new("date_of_birth", "lunar_date", "20/01/1985", "1985-03-12", "1985-03-12", "lunar");

    private static ReviewedCase Case(MatchStatus status, LinkVerdict link = LinkVerdict.None, IReadOnlyList<Discrepancy>? flags = null, IReadOnlyList<ReviewerDecision>? decisions = null)
        => new() { Form = Form, EngineStatus = status, RecordId = "R1", Link = link, Flags = flags ?? [Name, Date], Decisions = decisions ?? [] };

    [Fact]
    public void Undecided_fields_carry_the_engines_suggestion()
    {
        var entry = CorrectionCases.From(Case(MatchStatus.Review))!;
        Assert.Equal(CaseStatus.Review, entry.Status);
        Assert.All(entry.Fields, f => Assert.Equal(DecisionSource.Engine, f.DecidedBy));
        Assert.Equal(["Nguyễn Văn Hoà", "1985-03-12"], entry.Fields.Select(f => f.Decision));
        Assert.Equal("001085000123", entry.PersonalId);
    }

    [Fact]
    public void The_latest_reviewer_decision_of_a_field_wins_over_the_suggestion()
    {
        var entry = CorrectionCases.From(Case(MatchStatus.Review, decisions:
        [
            new ReviewerDecision("full_name", FieldVerdict.KeepRegistry, null, "lan"),
            new ReviewerDecision("date_of_birth", FieldVerdict.KeepRegistry, null, "lan"),
            new ReviewerDecision("date_of_birth", FieldVerdict.Correct, "1985-03-13", "minh"),
        ]))!;
        var name = entry.Fields.Single(f => f.Field == "full_name");
        Assert.Equal((DecisionSource.Reviewer, "Nguyễn Văn Hoà", CorrectionAction.KeepRegistry), (name.DecidedBy, name.Decision, name.EffectiveAction));
        var date = entry.Fields.Single(f => f.Field == "date_of_birth");
        Assert.Equal((DecisionSource.Reviewer, "1985-03-13", CorrectionAction.ChangeRegistry), (date.DecidedBy, date.Decision, date.EffectiveAction));
    }

    [Fact]
    public void Taking_the_forms_value_changes_the_registry()
    {
        var entry = CorrectionCases.From(Case(MatchStatus.Review, flags: [Name], decisions: [new ReviewerDecision("full_name", FieldVerdict.TakeForm, null, "lan")]))!;
        Assert.Equal(("NGUYEN HOA", CorrectionAction.ChangeRegistry), (entry.Fields[0].Decision, entry.Fields[0].EffectiveAction));
    }

    [Fact]
    public void A_rejected_link_lists_the_form_as_another_person_without_fields_or_record()
    {
        var entry = CorrectionCases.From(Case(MatchStatus.Review, LinkVerdict.Rejected))!;
        Assert.Equal(CaseStatus.RejectedLink, entry.Status);
        Assert.Empty(entry.Fields);
        Assert.Null(entry.RecordId);
    }

    [Theory]
    [InlineData(MatchStatus.Ambiguous, LinkVerdict.None, CaseStatus.Ambiguous)]
    [InlineData(MatchStatus.Ambiguous, LinkVerdict.Chosen, CaseStatus.Review)]
    [InlineData(MatchStatus.NoMatch, LinkVerdict.None, CaseStatus.NoMatch)]
    [InlineData(MatchStatus.NoMatch, LinkVerdict.Chosen, CaseStatus.Review)]
    public void A_chosen_record_turns_an_unlinked_form_into_fields_to_correct(MatchStatus engine, LinkVerdict link, CaseStatus expected)
        => Assert.Equal(expected, CorrectionCases.From(Case(engine, link))!.Status);

    [Fact]
    public void A_chosen_record_that_agrees_in_every_field_leaves_nothing_to_correct()
        => Assert.Null(CorrectionCases.From(Case(MatchStatus.Ambiguous, LinkVerdict.Chosen, flags: [])));
}
