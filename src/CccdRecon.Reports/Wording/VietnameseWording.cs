using System.Globalization;
using System.Text;
using CccdRecon.Core.Matching;

namespace CccdRecon.Reports.Wording;

/// <summary>
/// Every word the lists and notices say to staff and citizens, in plain Vietnamese: field names, why a field differs,
/// statuses, the papers to bring. Engine codes (<c>date_of_birth</c>, <c>lunar_date</c>) never reach a page.
/// </summary>
public static class VietnameseWording
{
    /// <summary>The civil registry as a citizen calls it.</summary>
    public const string Registry = "dữ liệu hộ tịch";

    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        [FlaggableField.FullName] = "Họ, chữ đệm và tên",
        [FlaggableField.DateOfBirth] = "Ngày, tháng, năm sinh",
        [FlaggableField.Gender] = "Giới tính",
        [FlaggableField.PersonalId] = "Số định danh cá nhân/CMND",
        [FlaggableField.FatherName] = "Họ, chữ đệm và tên của cha",
        [FlaggableField.MotherName] = "Họ, chữ đệm và tên của mẹ",
        ["birth_place"] = "Nơi đăng ký khai sinh",
        ["hometown"] = "Quê quán",
        ["ethnicity"] = "Dân tộc",
        ["permanent_address"] = "Nơi thường trú",
    };

    private static readonly Dictionary<string, string> KindReasons = new(StringComparer.Ordinal)
    {
        [DiscrepancyKind.Spelling] = "Viết khác chính tả (sai chữ cái hoặc dấu)",
        [DiscrepancyKind.MissingMiddleName] = "Phiếu ghi thiếu chữ đệm",
        [DiscrepancyKind.ExtraMiddleName] = "Phiếu ghi thừa chữ đệm",
        [DiscrepancyKind.RegionalVariant] = "Họ ghi theo cách đọc địa phương (như Hoàng và Huỳnh, Vũ và Võ)",
        [DiscrepancyKind.NameOrder] = "Thứ tự họ, chữ đệm và tên bị đảo",
        [DiscrepancyKind.DayMonthSwapped] = "Ghi đảo ngày và tháng",
        [DiscrepancyKind.LunarDate] = "Phiếu ghi ngày sinh âm lịch; " + Registry + " ghi ngày dương lịch tương ứng",
        [DiscrepancyKind.DigitTypo] = "Sai một chữ số",
        [DiscrepancyKind.Transposition] = "Hai chữ số liền nhau bị đổi chỗ",
        [DiscrepancyKind.YearOffByOne] = "Năm sinh lệch một năm",
        [DiscrepancyKind.RegistryPartial] = "Dữ liệu hộ tịch chỉ có một phần ngày sinh; phiếu ghi đầy đủ hơn, cần xác nhận để bổ sung",
        [DiscrepancyKind.Inconsistent] = "Số định danh không khớp với giới tính, thế kỷ sinh hoặc năm sinh",
        [DiscrepancyKind.Unreadable] = "Không đọc được thông tin ghi trên phiếu",
        [DiscrepancyKind.Different] = "Khác với " + Registry,
    };

    /// <summary>Every difference kind the engine names (the list is checked against <see cref="DiscrepancyKind"/> by a test).</summary>
    public static IReadOnlyCollection<string> KnownKinds => KindReasons.Keys;

    /// <summary>"Ngày, tháng, năm sinh" for <c>date_of_birth</c>; an unknown field is shown as it is named.</summary>
    public static string FieldLabel(string field) => FieldLabels.TryGetValue(field, out var label) ? label : field;

    /// <summary>Why the field differs, in a sentence.</summary>
    public static string Reason(string field, string kind)
    {
        if (kind == DiscrepancyKind.Different)
        {
            return field switch
            {
                FlaggableField.Gender => "Giới tính ghi khác " + Registry,
                FlaggableField.DateOfBirth => "Ngày sinh khác với " + Registry,
                FlaggableField.PersonalId => "Số định danh khác với " + Registry,
                _ => "Khác với " + Registry,
            };
        }

        return KindReasons.TryGetValue(kind, out var reason) ? reason : "Khác với " + Registry;
    }

    public static string StatusLabel(CaseStatus status) => status switch
    {
        CaseStatus.Review => "Cần điều chỉnh thông tin",
        CaseStatus.NoMatch => "Không tìm thấy trong " + Registry,
        CaseStatus.RejectedLink => "Hồ sơ hộ tịch được đối chiếu không phải của công dân này",
        CaseStatus.Ambiguous => "Có nhiều hồ sơ hộ tịch gần giống, chưa xác định được",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string SourceLabel(DecisionSource source) => source == DecisionSource.Reviewer ? "Cán bộ xác minh" : "Hệ thống đề xuất";

    /// <summary>What a citizen whose form is not linked must do.</summary>
    public static string UnlinkedInstruction(CaseStatus status) => status switch
    {
        CaseStatus.NoMatch => "Không tìm thấy hồ sơ hộ tịch khớp với phiếu. Đề nghị công dân mang giấy tờ để cán bộ đối chiếu, xác định hồ sơ hoặc lập hồ sơ bổ sung.",
        CaseStatus.RejectedLink => "Hồ sơ hộ tịch tìm được là của một người khác. Đề nghị công dân mang giấy tờ để cán bộ đối chiếu và xác định đúng hồ sơ.",
        CaseStatus.Ambiguous => "Có nhiều hồ sơ hộ tịch gần giống với phiếu. Đề nghị công dân mang giấy tờ để cán bộ xác định đúng hồ sơ của mình.",
        _ => "",
    };

    /// <summary>What the citizen is asked to do about one field.</summary>
    public static string Instruction(CorrectionField field)
    {
        var value = DisplayValue(field.Field, field.Decision);
        if (field.Kind == DiscrepancyKind.RegistryPartial)
            return $"Xác nhận ngày sinh đầy đủ là {value} để bổ sung {Registry}.";
        return field.EffectiveAction == CorrectionAction.KeepRegistry
            ? $"Xác nhận đúng là «{value}»; phiếu sẽ được sửa theo {Registry}."
            : $"Mang giấy tờ chứng minh «{value}» để điều chỉnh {Registry}.";
    }

    /// <summary>The papers that prove a field (the birth certificate for names and dates, the ID card for the number…).</summary>
    public static IReadOnlyList<string> Documents(string field) => field switch
    {
        FlaggableField.PersonalId => [IdCard],
        FlaggableField.FatherName or FlaggableField.MotherName => [BirthCertificate, "Giấy tờ tùy thân của cha, mẹ (nếu có)"],
        FlaggableField.FullName or FlaggableField.DateOfBirth or FlaggableField.Gender => [BirthCertificate],
        _ => [ResidencePapers],
    };

    /// <summary>The papers a citizen brings to find their record when the form is not linked to one.</summary>
    public static IReadOnlyList<string> UnlinkedDocuments { get; } = [BirthCertificate, IdCard, ResidencePapers];

    public const string BirthCertificate = "Giấy khai sinh (bản chính hoặc bản sao)";
    public const string IdCard = "Thẻ Căn cước, Căn cước công dân hoặc Chứng minh nhân dân (bản chính, nếu có)";
    public const string ResidencePapers = "Giấy tờ về cư trú (nếu có)";

    /// <summary>
    /// A value as a person reads it: registry dates as dd/mm/yyyy (mm/yyyy, yyyy when partial), <c>male</c>/<c>female</c>
    /// as Nam/Nữ, and always NFC (decomposed diacritics print badly); other text as it is.
    /// </summary>
    public static string DisplayValue(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var text = Nfc(value.Trim());
        if (field == FlaggableField.Gender)
        {
            return text.ToLowerInvariant() switch
            {
                "male" => "Nam",
                "female" => "Nữ",
                _ => text,
            };
        }

        if (field is FlaggableField.FullName or FlaggableField.FatherName or FlaggableField.MotherName) return ReadableName(text);
        if (field == FlaggableField.DateOfBirth)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            if (text.Length == 7 && text[4] == '-' && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
                return $"{text[5..]}/{text[..4]}";
        }

        return text;
    }

    /// <summary>
    /// A name as keyed, NFC; a name keyed in a legacy encoding (TCVN3, VNI read as Windows-1252: "NguyÔn §ång Kh¸nh") is
    /// shown decoded ("Nguyễn Đồng Khánh"), as the engine read it: nobody can check mojibake against a birth certificate.
    /// </summary>
    public static string ReadableName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return "";
        var name = Core.Names.PersonName.Parse(raw);
        return name.IsReadable && name.DecodedFrom != Core.Names.LegacyEncoding.None ? name.Display : Nfc(raw.Trim());
    }

    /// <summary>NFC, never throwing (a lone surrogate stays as it is).</summary>
    public static string Nfc(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>"ngày 22 tháng 11 năm 2026".</summary>
    public static string LongDate(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"ngày {at.Day} tháng {at.Month} năm {at.Year}");
}
