using System.Text;
using CccdRecon.Core.Matching;

namespace CccdRecon.Reports.Tests;

/// <summary>Hand-made correction lists with the hard cases: NFD, no diacritics, leading zeros, one commune spelt three ways.</summary>
internal static class SampleLists
{
    public static readonly DateTimeOffset Today = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(7));

    public const string AnKhanh = "Số 12, Thôn 3, đường Yên Thế, phường An Khánh, Hà Nội";

    public static CorrectionField Field(string field, string kind, string form, string registry, string? decision = null) =>
        new(field, kind, form, registry, decision ?? registry);

    public static CorrectionCase Review(string id, string name, string address, params CorrectionField[] fields) => new()
    {
        FormId = id,
        Status = CaseStatus.Review,
        RecordId = "R" + id,
        FullName = name,
        DateOfBirth = "12/03/1950",
        PersonalId = "001" + new string(id.Where(char.IsAsciiDigit).ToArray()).PadLeft(9, '0'),
        Gender = "Nữ",
        Address = address,
        Fields = fields,
    };

    public static CorrectionCase Unlinked(string id, CaseStatus status, string name, string address) => new()
    {
        FormId = id,
        Status = status,
        FullName = name,
        DateOfBirth = "1985",
        PersonalId = "012345678",
        Address = address,
    };

    /// <summary>Three communes (one spelt with and without diacritics and abbreviated), households, every kind of difference.</summary>
    public static CorrectionList Mixed()
    {
        var nfd = "Nguyễn Thị Thuỷ".Normalize(NormalizationForm.FormD);
        CorrectionCase[] cases =
        [
            Review("F001", "Em Văn Bảy", AnKhanh, Field(FlaggableField.FullName, DiscrepancyKind.MissingMiddleName, "Em Bảy", "Em Văn Bảy")),
            Review("F002", "Đỗ Văn Đức", AnKhanh,
                Field(FlaggableField.DateOfBirth, DiscrepancyKind.DayMonthSwapped, "03/12/1950", "1950-12-03"),
                Field(FlaggableField.PersonalId, DiscrepancyKind.DigitTypo, "001950123456", "001950123457")),
            Review("F003", "Dương Thị Dung", "Số 12, Thôn 3, đường Yên Thế, P. An Khánh, TP. Hà Nội",
                Field(FlaggableField.Gender, DiscrepancyKind.Different, "Nam", "female"),
                Field(FlaggableField.MotherName, DiscrepancyKind.Spelling, "Lê Thi Hoa", "Lê Thị Hoa")),
            Review("F004", nfd, "so 7, thon 1, duong Yen The, phuong An Khanh, Ha Noi",
                Field(FlaggableField.FullName, DiscrepancyKind.RegionalVariant, nfd, "Huỳnh Thị Thủy"),
                Field(FlaggableField.FatherName, DiscrepancyKind.Different, "Nguyễn Văn A", "Trần Văn B")),
            Review("F005", "Lê Văn Tám", "Xóm 4, X. Cù Vân, H. Đại Từ, T. Thái Nguyên",
                Field(FlaggableField.DateOfBirth, DiscrepancyKind.LunarDate, "15/01/1960", "1960-02-12")),
            Review("F006", "Trần Văn Hùng", "Xóm 4, X. Cù Vân, H. Đại Từ, T. Thái Nguyên",
                Field(FlaggableField.PersonalId, DiscrepancyKind.Transposition, "019160012345", "019160021345"),
                Field(FlaggableField.FullName, DiscrepancyKind.NameOrder, "Hùng Trần Văn", "Trần Văn Hùng")),
            Review("F007", "Phạm Thị Lan", "Thôn Đông, xã Tân Lập/Mới [cũ], huyện Phú Lương, tỉnh Thái Nguyên",
                Field(FlaggableField.DateOfBirth, DiscrepancyKind.RegistryPartial, "12/03/1950", "1950", "1950-03-12"),
                Field(FlaggableField.PersonalId, DiscrepancyKind.Inconsistent, "019250012345", "019150012345"),
                Field(FlaggableField.FullName, DiscrepancyKind.ExtraMiddleName, "Phạm Thị Ngọc Lan", "Phạm Thị Lan"),
                Field(FlaggableField.FatherName, DiscrepancyKind.Spelling, "Phạm Văn Nam", "Phạm Văn Năm") with { DecidedBy = DecisionSource.Reviewer, Decision = "Phạm Văn Nam" }),
            Review("F013", "Mai Văn Sơn", "Thôn Đông, xã Tân Lập/Mới [cũ], huyện Phú Lương, tỉnh Thái Nguyên",
                Field(FlaggableField.DateOfBirth, DiscrepancyKind.YearOffByOne, "12/03/1961", "1960-03-12"),
                Field(FlaggableField.PersonalId, DiscrepancyKind.Unreadable, "01916x", "019160012399")),
            Review("F008", "=HYPERLINK(\"http://x\")", "", Field(FlaggableField.FullName, DiscrepancyKind.Different, "=1+2", "Bùi Văn Cường")),
            Unlinked("F009", CaseStatus.NoMatch, "Hoàng Văn Mười", AnKhanh),
            Unlinked("F010", CaseStatus.RejectedLink, "Vũ Thị Hạnh", "Xóm 4, X. Cù Vân, H. Đại Từ, T. Thái Nguyên"),
            Unlinked("F011", CaseStatus.Ambiguous, "Lý Văn Hai", "Số 1, phường Trung Tâm Hành Chính Quốc Gia Mới Rất Dài, Thành phố Hồ Chí Minh"),
            Review("F012", "Đào Văn An", "Số 9, Thôn 3, đường Yên Thế, phường An Khánh, Hà Nội",
                Field(FlaggableField.FullName, DiscrepancyKind.Spelling, "Đao Văn An", "Đào Văn An")),
        ];
        return new CorrectionList { BatchId = "B-2026-11", Unit = new BatchUnit("01", "Thành phố Hà Nội"), CreatedAt = Today, Cases = cases };
    }
}
