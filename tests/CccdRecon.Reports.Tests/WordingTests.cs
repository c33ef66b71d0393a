using System.Reflection;
using CccdRecon.Core.Matching;
using CccdRecon.Reports.Wording;

namespace CccdRecon.Reports.Tests;

/// <summary>No engine code reaches a page: every kind and field has Vietnamese words.</summary>
public sealed class WordingTests
{
    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_difference_kind_the_engine_names_has_a_Vietnamese_reason()
    {
        var kinds = Constants(typeof(DiscrepancyKind)).ToList();
        Assert.Equal(14, kinds.Count);
        Assert.Equal(kinds.Order(), VietnameseWording.KnownKinds.Order());
        foreach (var field in FlaggableField.All)
        {
            foreach (var kind in kinds)
            {
                var reason = VietnameseWording.Reason(field, kind);
                Assert.DoesNotContain("_", reason);
                Assert.True(reason.Any(c => c > 0x7F), $"{field}:{kind} → {reason}");
            }
        }
    }

    [Fact]
    public void Every_flaggable_field_has_a_Vietnamese_name_and_papers()
    {
        foreach (var field in FlaggableField.All)
        {
            Assert.NotEqual(field, VietnameseWording.FieldLabel(field));
            Assert.NotEmpty(VietnameseWording.Documents(field));
        }

        Assert.Equal(VietnameseWording.BirthCertificate, VietnameseWording.Documents(FlaggableField.DateOfBirth)[0]);
        Assert.Equal(VietnameseWording.IdCard, VietnameseWording.Documents(FlaggableField.PersonalId)[0]);
    }

    [Theory]
    [InlineData("date_of_birth", "1950-03-12", "12/03/1950")]
    [InlineData("date_of_birth", "1950-03", "03/1950")]
    [InlineData("date_of_birth", "1950", "1950")]
    [InlineData("date_of_birth", "12/3/50", "12/3/50")]
    [InlineData("gender", "female", "Nữ")]
    [InlineData("gender", "MALE", "Nam")]
    [InlineData("personal_id", " 001234567890 ", "001234567890")]
    public void Values_read_as_a_person_reads_them(string field, string value, string shown) =>
        Assert.Equal(shown, VietnameseWording.DisplayValue(field, value));

    [Fact]
    public void A_name_keyed_in_a_legacy_encoding_is_shown_decoded()
    {
        var tcvn3 = Core.Names.VietnameseText.EncodeLegacy("Nguyễn Đồng Khánh", Core.Names.LegacyEncoding.Tcvn3);
        Assert.Equal("Nguyễn Đồng Khánh", VietnameseWording.ReadableName(tcvn3));
        Assert.Equal("Nguyễn Đồng Khánh", VietnameseWording.DisplayValue(FlaggableField.FatherName, tcvn3));
        Assert.Equal("NGUYỄN KHÁNH BINH", VietnameseWording.ReadableName("NGUYỄN KHÁNH BINH")); // as keyed otherwise
    }

    [Fact]
    public void The_action_follows_the_decision()
    {
        var keep = new CorrectionField(FlaggableField.FullName, DiscrepancyKind.Spelling, "Le Thi Hoa", "Lê Thị Hòa", "LÊ THỊ HOÀ");
        Assert.Equal(CorrectionAction.KeepRegistry, keep.EffectiveAction);
        Assert.Contains("phiếu sẽ được sửa", VietnameseWording.Instruction(keep));
        var change = keep with { Decision = "Lê Thị Hoa", DecidedBy = DecisionSource.Reviewer };
        Assert.Equal(CorrectionAction.ChangeRegistry, change.EffectiveAction);
        Assert.Contains("Mang giấy tờ", VietnameseWording.Instruction(change));
        var partial = new CorrectionField(FlaggableField.DateOfBirth, DiscrepancyKind.RegistryPartial, "12/03/1950", "1950", "1950-03-12");
        Assert.Equal(CorrectionAction.ChangeRegistry, partial.EffectiveAction);
        Assert.Contains("12/03/1950", VietnameseWording.Instruction(partial));
        Assert.Equal(CorrectionAction.KeepRegistry, change with { Action = CorrectionAction.KeepRegistry } is { } c ? c.EffectiveAction : default);
    }
}
