using CccdRecon.Core.Addresses;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// The decision rules over every combination of levels, whatever the model's weights: what must never be linked is
/// never linkable, on any data.
/// </summary>
public sealed class DecisionRulePropertyTests
{
    /// <summary>Every level vector of the fields that decide these rules (the rest missing).</summary>
    private static IEnumerable<LevelVector> AllVectors()
    {
        IEnumerable<T?> Levels<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => (T?)v).Append(null);
        foreach (var name in Levels<NameLevel>())
        foreach (var date in Levels<DateLevel>())
        foreach (var id in Levels<IdLevel>())
        foreach (var parent in Levels<ParentLevel>())
        foreach (var address in Levels<AddressMatchLevel>().Where(a => a != AddressMatchLevel.Unknown))
        foreach (var gender in Levels<GenderLevel>())
        foreach (var mother in new ParentLevel?[] { null, ParentLevel.Agree, ParentLevel.Different })
            yield return LevelVector.Missing with { Name = name, Date = date, Id = id, Father = parent, Mother = mother, Address = address, Gender = gender };
    }

    [Fact]
    public void Another_persons_name_is_never_linked_on_the_date_and_a_hamlet_alone()
    {
        // Whatever the weights (the default model and every level worth the most it can), a name at the Similar or
        // Different level with no agreeing ID number is linkable only when the address points at one house.
        var options = new MatchingOptions();
        foreach (var model in new[] { MatchModel.Default, Generous() })
        foreach (var v in AllVectors().Where(v => v.Name is NameLevel.Similar or NameLevel.Different))
        {
            if (DecisionRules.IdAndDateAgree(v, model, options)) continue;
            var linkable = DecisionRules.WhyNotLinkable(v, model, options) is null;
            Assert.False(linkable && v.Address != AddressMatchLevel.SameHouse,
                $"a different name linkable with date {v.Date}, address {v.Address}, parent {v.Father}, ID {v.Id}");
        }
    }

    [Fact]
    public void A_name_only_like_the_records_is_never_linked_when_the_id_number_contradicts_too()
    {
        var options = new MatchingOptions();
        foreach (var model in new[] { MatchModel.Default, Generous() })
        foreach (var v in AllVectors().Where(v => v.Name is NameLevel.SimilarHigh or NameLevel.Similar or NameLevel.Different && v.Id is IdLevel.Different or IdLevel.Inconsistent))
            Assert.NotNull(DecisionRules.WhyNotLinkable(v, model, options));
    }

    [Fact]
    public void A_name_that_agrees_needs_an_identifier_besides_it()
    {
        var options = new MatchingOptions();
        foreach (var v in AllVectors().Where(v => DecisionRules.NameAgrees(v)))
        {
            var linkable = DecisionRules.WhyNotLinkable(v, Generous(), options) is null;
            var anotherId = v.Id is IdLevel.Different or IdLevel.Inconsistent;
            var twoDisagreements = v.Name == NameLevel.SimilarHigh && v.Id is not (IdLevel.Equal or IdLevel.Transposition or IdLevel.OneDigit)
                && (anotherId || v.Father == ParentLevel.Different || v.Mother == ParentLevel.Different
                    || v.Date == DateLevel.Different && (v.Father is ParentLevel.Agree or ParentLevel.Similar || v.Mother is ParentLevel.Agree or ParentLevel.Similar));
            var firmBesideAnotherId = (v.Date == DateLevel.Equal || v.Father == ParentLevel.Agree || v.Mother == ParentLevel.Agree)
                && v.Date != DateLevel.Different && v.Gender != GenderLevel.Disagree && v.Father != ParentLevel.Different && v.Mother != ParentLevel.Different;
            var corroborated = !twoDisagreements && (!anotherId || firmBesideAnotherId) && (v.Date is DateLevel.Equal or DateLevel.DayMonthSwapped or DateLevel.LunarDate or DateLevel.OneDigitOff or DateLevel.YearOffByOne
                || v.Id is IdLevel.Equal or IdLevel.Transposition or IdLevel.OneDigit
                || v.Father is ParentLevel.Agree or ParentLevel.Similar
                || v.Mother is ParentLevel.Agree or ParentLevel.Similar
                || v.Address is AddressMatchLevel.SameHouse or AddressMatchLevel.SameHamlet);
            Assert.Equal(corroborated, linkable);
        }
    }

    [Fact]
    public void A_name_only_like_the_records_born_another_day_to_the_same_parents_is_never_linked()
    {
        // A sibling: a like name, the same parents and household, another birthday. Only the ID number can link it.
        var options = new MatchingOptions();
        foreach (var model in new[] { MatchModel.Default, Generous() })
        foreach (var v in AllVectors().Where(v => v.Name == NameLevel.SimilarHigh && v.Date == DateLevel.Different
                     && (v.Father is ParentLevel.Agree or ParentLevel.Similar || v.Mother == ParentLevel.Agree)
                     && v.Id is not (IdLevel.Equal or IdLevel.Transposition or IdLevel.OneDigit)))
        {
            Assert.NotNull(DecisionRules.WhyNotLinkable(v, model, options));
            Assert.False(DecisionRules.CouldBeLinked(v), $"trained on as a possible match: father {v.Father}, mother {v.Mother}, address {v.Address}");
        }
    }

    [Fact]
    public void Another_id_number_is_never_linked_on_a_near_or_partial_date()
    {
        // A namesake of the same age in the same hamlet with their own number: name, hamlet and a date a digit or a year
        // off (or a year only, or a lunar reading) are what such a look-alike offers by chance. Whatever the weights.
        var options = new MatchingOptions();
        foreach (var model in new[] { MatchModel.Default, Generous() })
        foreach (var v in AllVectors().Where(v => v.Id is IdLevel.Different or IdLevel.Inconsistent
                     && v.Date is not DateLevel.Equal && v.Father != ParentLevel.Agree && v.Mother != ParentLevel.Agree))
        {
            Assert.NotNull(DecisionRules.WhyNotLinkable(v, model, options));
            Assert.False(DecisionRules.CouldBeLinked(v), $"trained on as a possible match: name {v.Name}, date {v.Date}, address {v.Address}");
        }
    }

    [Fact]
    public void Another_id_number_and_a_second_contradiction_are_never_linked()
    {
        var options = new MatchingOptions();
        foreach (var model in new[] { MatchModel.Default, Generous() })
        foreach (var v in AllVectors().Where(v => v.Id is IdLevel.Different or IdLevel.Inconsistent
                     && (v.Date == DateLevel.Different || v.Gender == GenderLevel.Disagree || v.Father == ParentLevel.Different || v.Mother == ParentLevel.Different)))
        {
            Assert.NotNull(DecisionRules.WhyNotLinkable(v, model, options));
            Assert.False(DecisionRules.CouldBeLinked(v));
        }
    }

    /// <summary>A model under which every level that may corroborate weighs far above the corroboration bar.</summary>
    private static MatchModel Generous()
    {
        var m = FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialM).ToArray()).ToArray();
        var u = FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.Corroborates ? l.InitialM / Math.Pow(2, 40) : l.InitialU).ToArray()).ToArray();
        return new MatchModel(m, u, MatchModel.DefaultPresentShare, ModelTraining.None);
    }
}
