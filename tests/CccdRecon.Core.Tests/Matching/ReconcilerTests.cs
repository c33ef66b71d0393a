using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using static CccdRecon.Core.Tests.Matching.RegistryFixture;

namespace CccdRecon.Core.Tests.Matching;

public sealed class ReconcilerTests
{
    private readonly Reconciler _reconciler = Build().Reconciler;

    [Fact]
    public void Identical_form_is_clean_with_the_right_record()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa));
        Assert.Equal(MatchStatus.Clean, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
        Assert.True(r.Score >= 0.9, $"score {r.Score}");
        Assert.Empty(r.Discrepancies);
        Assert.Equal("", r.Flags);
    }

    public static TheoryData<string, string, string?, string?, string> CosmeticVariants => new()
    {
        { "capitals, no diacritics", "NGUYEN VAN HOA", null, null, "no diacritics" },
        { "old tone placement and spaces", "  Nguyễn   Văn  Hoà ", null, null, "tone-mark placement" },
        { "NFD", "Nguyễn Văn Hòa".Normalize(System.Text.NormalizationForm.FormD), null, null, "NFD" },
        { "TCVN3", VietnameseText.EncodeLegacy("Nguyễn Văn Hòa", LegacyEncoding.Tcvn3), null, null, "TCVN3" },
        { "VNI", VietnameseText.EncodeLegacy("Nguyễn Văn Hòa", LegacyEncoding.Vni), null, null, "VNI" },
        { "dd/mm/yy date", "Nguyễn Văn Hòa", "12/03/90", null, "date_of_birth" },
        { "date in words", "Nguyễn Văn Hòa", "ngày 12 tháng 3 năm 1990", null, "date_of_birth" },
        { "ID with spaces", "Nguyễn Văn Hòa", null, "001 090 012 345", "personal_id" },
        { "legacy ID", "Nguyễn Văn Hòa", null, "012345678", "personal_id" },
    };

    [Theory]
    [MemberData(nameof(CosmeticVariants))]
    public void Cosmetic_differences_come_back_clean_and_say_what_was_normalized(string _, string name, string? date, string? id, string normalizationMentions)
    {
        var form = FormOf(Hoa) with { FullName = name, DateOfBirth = date ?? Hoa.DateOfBirth, PersonalId = id ?? Hoa.PersonalId, Gender = "Nam" };
        var r = _reconciler.Reconcile(form);
        Assert.Equal(MatchStatus.Clean, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
        Assert.Contains(r.Normalizations, n => n.Contains(normalizationMentions, StringComparison.OrdinalIgnoreCase));
    }

    public static TheoryData<string, Func<SurveyForm, SurveyForm>, string> SubstantiveChanges => new()
    {
        { "dropped middle name", f => f with { FullName = "Nguyễn Hòa" }, "full_name:missing_middle_name" },
        { "tone missing on one syllable", f => f with { FullName = "Nguyễn Văn Hoa" }, "full_name:spelling" },
        { "given name first", f => f with { FullName = "Hòa Nguyễn Văn" }, "full_name:name_order" },
        { "day and month swapped", f => f with { DateOfBirth = "03/12/1990" }, "date_of_birth:day_month_swapped" },
        { "lunar date", f => f with { DateOfBirth = "16/02/1990" }, "date_of_birth:lunar_date" },
        { "year off by one", f => f with { DateOfBirth = "12/03/1991" }, "date_of_birth:year_off_by_one" },
        { "one digit of the ID", f => f with { PersonalId = "001090012346" }, "personal_id:digit_typo" },
        { "ID digits transposed", f => f with { PersonalId = "001090012354" }, "personal_id:transposition" },
        { "another gender", f => f with { Gender = "Nữ" }, "gender:different" },
        { "mother's name misspelt", f => f with { MotherName = "Trần Thị Lân" }, "mother_name:spelling" },
    };

    [Theory]
    [MemberData(nameof(SubstantiveChanges))]
    public void Substantive_differences_are_flagged_for_review(string _, Func<SurveyForm, SurveyForm> damage, string flag)
    {
        var r = _reconciler.Reconcile(damage(FormOf(Hoa)));
        Assert.Equal(MatchStatus.Review, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
        Assert.Equal(flag, r.Flags);
        var d = Assert.Single(r.Discrepancies);
        Assert.False(string.IsNullOrEmpty(d.Suggestion));
        Assert.False(string.IsNullOrEmpty(d.Reason));
    }

    [Fact]
    public void Lunar_form_date_suggests_the_registry_solar_date()
    {
        // 12 March 1990 is the 16th day of the 2nd lunar month of Canh Ngọ.
        var r = _reconciler.Reconcile(FormOf(Hoa) with { DateOfBirth = "16/02/1990" });
        var d = Assert.Single(r.Discrepancies);
        Assert.Equal("1990-03-12", d.Suggestion);
        Assert.Equal("1990-03-12", d.RegistryValue);
    }

    [Fact]
    public void Regional_surname_variant_without_an_id_still_reaches_its_record()
    {
        var form = FormOf(Hoang) with { FullName = "Huỳnh Thị Thủy", PersonalId = null };
        var r = _reconciler.Reconcile(form);
        Assert.Equal("R-HOANG", r.RecordId);
        Assert.Equal("full_name:regional_variant", r.Flags);
    }

    [Fact]
    public void Dropped_middle_name_and_no_id_still_reaches_its_record()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "NGUYEN HOA", PersonalId = null });
        Assert.Equal("R-HOA", r.RecordId);
        Assert.Equal("full_name:missing_middle_name", r.Flags);
    }

    [Fact]
    public void Form_date_more_precise_than_a_year_only_registry_is_flagged_registry_partial()
    {
        var r = _reconciler.Reconcile(FormOf(Elder) with { DateOfBirth = "04/05/1938" });
        Assert.Equal("R-ELDER", r.RecordId);
        Assert.Equal("date_of_birth:registry_partial", r.Flags);
        Assert.Equal("1938-05-04", r.Discrepancies[0].Suggestion);
    }

    [Fact]
    public void Form_date_less_precise_than_registry_is_not_flagged()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { DateOfBirth = "03/1990" });
        Assert.Equal(MatchStatus.Clean, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
    }

    [Fact]
    public void Twins_are_told_apart_by_their_given_names()
    {
        var a = _reconciler.Reconcile(FormOf(TwinA) with { PersonalId = null });
        var b = _reconciler.Reconcile(FormOf(TwinB) with { PersonalId = null });
        Assert.Equal(("R-TWIN-A", MatchStatus.Clean), (a.RecordId, a.Status));
        Assert.Equal(("R-TWIN-B", MatchStatus.Clean), (b.RecordId, b.Status));
    }

    [Fact]
    public void Twins_are_told_apart_when_the_given_name_is_misspelt_and_both_are_candidates()
    {
        // "Lê Thị Mại": no exact block, so the search widens to the surname and date, where both twins are found.
        var r = _reconciler.Reconcile(FormOf(TwinA) with { PersonalId = null, FullName = "Lê Thị Mại" });
        Assert.Equal(("R-TWIN-A", MatchStatus.Review), (r.RecordId, r.Status));
        Assert.Equal("full_name:spelling", r.Flags);
        Assert.Contains(r.Explanation.Candidates, c => c.RecordId == "R-TWIN-B");
    }

    [Fact]
    public void Namesakes_the_form_cannot_tell_apart_are_ambiguous_never_silently_linked()
    {
        var form = new SurveyForm { FormId = "F-NS", FullName = "Trần Văn Quý", DateOfBirth = "1975", Gender = "Nam" };
        var r = _reconciler.Reconcile(form);
        Assert.Equal(MatchStatus.Ambiguous, r.Status);
        Assert.Contains(r.RecordId, new[] { "R-NS-A", "R-NS-B" });
        Assert.Empty(r.Discrepancies);
        Assert.Contains("cannot tell", r.Explanation.Decision);
    }

    [Fact]
    public void Namesake_with_a_full_date_links_to_the_right_one()
    {
        var r = _reconciler.Reconcile(new SurveyForm { FormId = "F-NS", FullName = "Trần Văn Quý", DateOfBirth = "23/11/1975", Gender = "Nam" });
        Assert.Equal("R-NS-B", r.RecordId);
        Assert.Equal(MatchStatus.Clean, r.Status);
    }

    [Fact]
    public void Person_absent_from_the_registry_is_no_match()
    {
        var form = new SurveyForm
        {
            FormId = "F-X", FullName = "Đặng Thị Ánh", DateOfBirth = "01/01/2001", Gender = "Nữ", PersonalId = "034301009999",
            FatherName = "Đặng Văn Hải",
        };
        var r = _reconciler.Reconcile(form);
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Null(r.RecordId);
        Assert.Equal("", r.Flags);
    }

    [Fact]
    public void Unreadable_name_is_no_match_with_the_reason_and_does_not_throw()
    {
        var r = _reconciler.Reconcile(new SurveyForm { FormId = "F-BAD", FullName = "\u0001\u0002", DateOfBirth = "31/02/1990" });
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Contains("full_name unreadable", r.Explanation.Decision);
    }

    [Fact]
    public void Explanation_shows_each_field_level_and_weight_and_the_candidates()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "Nguyễn Hòa" });
        var fields = r.Explanation.Fields.ToDictionary(f => f.Field);
        Assert.Equal("middle_name", fields["full_name"].Level);
        Assert.Equal("equal", fields["date_of_birth"].Level);
        Assert.Equal("equal", fields["personal_id"].Level);
        Assert.True(fields["personal_id"].Weight > 10, "an equal personal ID is strong evidence");
        Assert.True(fields["full_name"].Weight < fields["personal_id"].Weight);
        Assert.Equal("R-HOA", r.Explanation.Candidates[0].RecordId);
        Assert.Contains("PersonalId", r.Explanation.Candidates[0].BlockingKeys);
        var total = r.Explanation.PriorWeight + r.Explanation.Fields.Sum(f => f.Weight);
        Assert.Equal(r.Explanation.Candidates[0].Weight, total, 1);
    }

    [Fact]
    public void Common_name_agreement_weighs_less_than_a_rare_one()
    {
        var common = Enumerable.Range(0, 50).Select(i => Hoa with
        {
            RecordId = $"R-C{i}", PersonalId = null, OldId = null, DateOfBirth = $"19{50 + i}-01-01", FatherName = null, MotherName = null,
        });
        var (_, reconciler) = Build(extra: common);
        var hoa = reconciler.Reconcile(FormOf(Hoa)).Explanation.Fields.Single(f => f.Field == "full_name").Weight;
        var hoang = reconciler.Reconcile(FormOf(Hoang)).Explanation.Fields.Single(f => f.Field == "full_name").Weight;
        Assert.True(hoang > hoa + 4, $"rare name {hoang} bits vs common {hoa} bits");
    }

    [Fact]
    public void Thresholds_come_from_options()
    {
        var (_, strict) = Build(new MatchingOptions { MatchThreshold = 0.999999999 });
        var r = strict.Reconcile(FormOf(Hoa) with { PersonalId = null, FullName = "Nguyễn Hòa", FatherName = null, MotherName = null, BirthPlace = null, PermanentAddress = null });
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Contains("below the match threshold", r.Explanation.Decision);
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        Assert.Throws<ArgumentException>(() => new Reconciler(index, new MatchingOptions { MatchThreshold = 1.5 }, TimeProvider.System));
    }

    [Fact]
    public void Upsert_replaces_a_record_and_matching_uses_the_new_values()
    {
        var (index, reconciler) = Build();
        Assert.True(index.Upsert(Hoa with { FullName = "Nguyễn Văn Hòa", DateOfBirth = "1990-04-12" }, out _));
        Assert.Equal(7, index.Count);
        var r = reconciler.Reconcile(FormOf(Hoa) with { DateOfBirth = "12/04/1990" });
        Assert.Equal(MatchStatus.Clean, r.Status);
        Assert.Equal("1990-04-12", index.Get("R-HOA")!.DateOfBirth);
    }

    [Fact]
    public void Unreadable_registry_record_is_refused_with_a_reason()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        Assert.False(index.Upsert(Hoa with { FullName = "   " }, out var problem));
        Assert.Contains("full_name", problem);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Clean_record_takes_identity_from_the_registry_and_address_from_the_form()
    {
        var form = FormOf(Hoa) with { FullName = "NGUYEN VAN HOA", PermanentAddress = "5 Lê Lợi, Huế" };
        var clean = Reconciler.ComposeClean(form, Hoa);
        Assert.Equal("Nguyễn Văn Hòa", clean.Record.FullName);
        Assert.Equal("5 Lê Lợi, Huế", clean.Record.PermanentAddress);
        Assert.Equal("F-1", clean.FormId);
    }
}
