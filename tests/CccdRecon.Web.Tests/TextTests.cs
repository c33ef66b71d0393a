using System.Globalization;
using CccdRecon.Core.Names;
using CccdRecon.Data.Entities;
using CccdRecon.Web.Console;
using CccdRecon.Web.Text;

namespace CccdRecon.Web.Tests;

/// <summary>Every word of the console exists in Vietnamese and in English; every kind the engine names has its words.</summary>
public sealed class TextTests
{
    [Fact]
    public void Every_text_has_both_languages()
    {
        Assert.All(T.All, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.Vi), entry.Key + " has no Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.En), entry.Key + " has no English");
        });
    }

    [Fact]
    public void Every_field_kind_state_and_difference_is_named()
    {
        var missing = Vocabulary.DifferenceKinds.Select(k => "diff." + k)
            .Concat(Vocabulary.PersonFieldsInOrder.Select(f => "field." + f))
            .Concat(Enum.GetValues<CaseKind>().Select(k => "kind." + k.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<DifferenceKind>().Select(k => "text." + k.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<DecisionKind>().Select(k => "action." + k.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<LinkDecisionKind>().Select(k => "link." + k.ToString().ToLowerInvariant()))
            .Concat(QueueFilters.States.Select(s => "state." + s))
            .Where(key => !T.All.ContainsKey(key))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_language_follows_the_request_culture()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(T.Vietnamese);
            Assert.Equal(("vi", "Hàng đợi"), (T.Lang, T.S("nav.queue")));
            CultureInfo.CurrentUICulture = new CultureInfo(T.English);
            Assert.Equal(("en", "Queue"), (T.Lang, T.S("nav.queue")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Queue_filters_travel_in_the_address_and_back()
    {
        var filters = QueueFilters.From("05443", null, "ambiguous", "date_of_birth", "lunar_date", "resolved");
        Assert.Equal("?unit=05443&kind=ambiguous&field=date_of_birth&diff=lunar_date&state=resolved", filters.QueryString());
        var query = filters.ToQuery();
        Assert.Equal((CaseKind.Ambiguous, ReviewCaseState.Resolved, "lunar_date", Data.Review.CaseOrder.Name), (query.CaseKind, query.State, query.Kind, query.Order));
        Assert.Equal("", QueueFilters.From(null, " ", "nonsense", null, null, "bogus").QueryString());
        Assert.True(QueueFilters.From(null, null, null, null, null, null).ToQuery().ToDo);
    }
}
