using CccdRecon.Core.Matching;
using static CccdRecon.Core.Tests.Matching.RegistryFixture;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>Regression tests for decisions that once went wrong on generated data.</summary>
public sealed class DecisionRuleTests
{
    private readonly Reconciler _reconciler = Build().Reconciler;

    [Fact]
    public void Absent_person_sharing_only_a_namesakes_name_is_not_linked()
    {
        // Same name and birth province as R-HOANG, but another date, number and parents: a different person.
        var form = new SurveyForm
        {
            FormId = "F-ABSENT", FullName = "Hoàng Thị Thủy", DateOfBirth = "14/02/1971", Gender = "Nữ", PersonalId = "048171777777",
            BirthPlace = "Đà Nẵng", FatherName = "Hoàng Văn Tư", MotherName = "Ngô Thị Hạnh",
        };
        var r = _reconciler.Reconcile(form);
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Null(r.RecordId);
    }

    [Fact]
    public void A_twin_absent_from_the_registry_is_never_linked_to_the_other_twin()
    {
        var (_, reconciler) = BuildWithout("R-TWIN-A");
        var r = reconciler.Reconcile(FormOf(TwinA));
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Contains("R-TWIN-B", r.Explanation.Candidates.Select(c => c.RecordId));
    }

    [Fact]
    public void A_twin_absent_from_the_registry_is_not_linked_even_without_an_id_on_the_form()
    {
        var (_, reconciler) = BuildWithout("R-TWIN-A");
        var r = reconciler.Reconcile(FormOf(TwinA) with { PersonalId = null });
        Assert.Equal(MatchStatus.NoMatch, r.Status);
    }

    [Fact]
    public void Two_digit_year_of_a_child_born_after_2000_is_only_formatting()
    {
        var child = new RegistryRecord
        {
            RecordId = "R-CHILD", PersonalId = "001315001234", FullName = "Nguyễn Gia Bảo", DateOfBirth = "2015-05-18", Gender = "male",
            FatherName = "Nguyễn Văn Hòa", MotherName = "Lê Thị Hạnh",
        };
        var (_, reconciler) = Build(extra: [child]);
        var r = reconciler.Reconcile(FormOf(child) with { DateOfBirth = "18/05/15" });
        Assert.Equal(MatchStatus.Clean, r.Status);
        Assert.Equal("R-CHILD", r.RecordId);
        var swapped = reconciler.Reconcile(FormOf(child) with { DateOfBirth = "05/18/15" });
        Assert.Equal("date_of_birth:day_month_swapped", swapped.Flags);
        Assert.Equal("2015-05-18", swapped.Discrepancies[0].Suggestion);
    }

    [Fact]
    public void Garbled_name_with_matching_number_and_date_is_linked_and_flagged()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "Xyz Qwe" });
        Assert.Equal(MatchStatus.Review, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
        Assert.Equal("full_name:different", r.Flags);
    }

    [Fact]
    public void Garbled_name_without_number_or_date_agreement_is_not_linked()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "Xyz Qwe", PersonalId = null, DateOfBirth = "01/01/1999" });
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Contains("no candidate can be linked", r.Explanation.Decision);
    }

    [Fact]
    public void Another_name_born_the_same_day_in_the_same_hamlet_is_a_neighbour_not_a_garbled_name()
    {
        // From a probe set: Phan Bá Lộc, absent, born the same day as Phan Văn Thọ in the same khối, no ID, no parents on the
        // form: the date and the hamlet agreed, the name was another person's, and the form went to review linked to Thọ.
        var tho = new RegistryRecord
        {
            RecordId = "R-THO", PersonalId = "040049123456", FullName = "Phan Văn Thọ", DateOfBirth = "1949-11-22", Gender = "male",
            PermanentAddress = "Khối 4, Phường Lê Lợi, Thành phố Vinh, Tỉnh Nghệ An",
        };
        var (_, reconciler) = Build(extra: [tho]);
        var neighbour = new SurveyForm
        {
            FormId = "F-LOC", FullName = "Phan Bá Lộc", DateOfBirth = "22/11/1949", Gender = "male",
            PermanentAddress = "Khối 4, P. Lê Lợi, TP. Vinh, T. Nghệ An",
        };
        var r = reconciler.Reconcile(neighbour);
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Null(r.RecordId);

        // The same slip at one house (a name keyed beyond recognition, nothing else differing) is still the same person.
        var atHome = tho with { PermanentAddress = "Số nhà 12, Khối 4, Phường Lê Lợi, Thành phố Vinh, Tỉnh Nghệ An" };
        var (_, houses) = Build(extra: [atHome]);
        var garbled = houses.Reconcile(neighbour with { PermanentAddress = "SN 12, Khối 4, P. Lê Lợi, TP. Vinh, T. Nghệ An" });
        Assert.Equal("R-THO", garbled.RecordId);
        Assert.Equal("full_name:different", garbled.Flags);
    }

    [Fact]
    public void A_sibling_with_a_like_name_and_another_id_number_is_not_linked()
    {
        // From a probe set: Bùi Thục Trang, absent, born the same day as Bùi Thị Trang in the same khối, carrying her own ID
        // number: a like name (a middle name apart) and a contradicting number are two disagreements, not one slip.
        var trang = new RegistryRecord
        {
            RecordId = "R-TRANG", PersonalId = "040182555242", FullName = "Bùi Thị Trang", DateOfBirth = "1982-08-05", Gender = "female",
            PermanentAddress = "Khối 12, Thị trấn Diễn Châu, Huyện Diễn Châu, Tỉnh Nghệ An",
        };
        var (_, reconciler) = Build(extra: [trang]);
        var sibling = new SurveyForm
        {
            FormId = "F-THUC", FullName = "Bùi Thục Trang", DateOfBirth = "1982-08-05", Gender = "female", PersonalId = "040182064514",
            PermanentAddress = "Khối 12, Thị trấn Diễn Châu, Huyện Diễn Châu, Tỉnh Nghệ An",
        };
        var r = reconciler.Reconcile(sibling);
        Assert.Null(r.RecordId);
        Assert.Contains("relative", r.Explanation.Decision);

        // Her own form, with a relative's number keyed in, is still hers: the name agrees, the number is flagged.
        var own = reconciler.Reconcile(sibling with { FullName = "Bùi Thị Trang" });
        Assert.Equal("R-TRANG", own.RecordId);
        Assert.Contains("personal_id:", own.Flags);
    }

    [Fact]
    public void A_person_of_another_gender_sharing_only_the_birth_date_is_never_linked()
    {
        // From the independent data: HÀ BẢO PHƯƠNG, female, 04/10/02, went to review linked to Hoàng Minh Quân, male,
        // born the same day — every field but the date differs.
        var quan = new RegistryRecord
        {
            RecordId = "R-QUAN", PersonalId = "001202001234", FullName = "Hoàng Minh Quân", DateOfBirth = "2002-10-04", Gender = "male",
            BirthPlace = "Hà Nội", FatherName = "Hoàng Văn Tám", PermanentAddress = "Thôn 3, xã Tiên Dương, huyện Đông Anh, Hà Nội",
        };
        var (_, reconciler) = Build(extra: [quan]);
        var form = new SurveyForm
        {
            FormId = "F-PHUONG", FullName = "HÀ BẢO PHƯƠNG", DateOfBirth = "04/10/02", Gender = "Nữ", FatherName = "HÀ QUANG HIẾU",
            BirthPlace = "Hà Nội", PermanentAddress = "Thôn 3, xã Tiên Dương, huyện Đông Anh, Hà Nội",
        };
        var r = reconciler.Reconcile(form);
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Null(r.RecordId);
    }

    [Fact]
    public void A_form_whose_name_cannot_be_read_is_linked_by_its_id_number_and_date_and_flagged()
    {
        // Regression: an unreadable name (legacy bytes no decoder takes) came back no_match before any search, although
        // the ID number and date were the record's.
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "Nguy§n ¤", FatherName = null, MotherName = null });
        Assert.Equal(MatchStatus.Review, r.Status);
        Assert.Equal("R-HOA", r.RecordId);
        Assert.Equal("full_name:unreadable", r.Flags);
        Assert.Equal("Nguyễn Văn Hòa", r.Discrepancies[0].Suggestion);
        Assert.Equal("missing", r.Explanation.Fields.Single(f => f.Field == "full_name").Level);
    }

    [Fact]
    public void A_form_whose_name_cannot_be_read_and_has_no_id_number_is_no_match_with_the_reason()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa) with { FullName = "Nguy§n ¤", PersonalId = null });
        Assert.Equal(MatchStatus.NoMatch, r.Status);
        Assert.Contains("full_name unreadable", r.Explanation.Decision);
    }

    [Fact]
    public void Every_explanation_names_the_model()
    {
        var r = _reconciler.Reconcile(FormOf(Hoa));
        Assert.Equal(MatchModel.Default.Version, r.Explanation.ModelVersion);
        Assert.Equal(MatchModel.Default.Version, _reconciler.Reconcile(new SurveyForm { FormId = "F-X", FullName = "\u0001" }).Explanation.ModelVersion);
    }

    private static (RegistryIndex, Reconciler) BuildWithout(string recordId)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(All.Where(r => r.RecordId != recordId).ToList());
        return (index, new Reconciler(index, new MatchingOptions(), time));
    }
}
