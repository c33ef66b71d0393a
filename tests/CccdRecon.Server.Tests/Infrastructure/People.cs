using CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Tests.Infrastructure;

/// <summary>Made-up but real-looking Vietnamese registry records and survey forms (no real person).</summary>
public static class People
{
    /// <summary>The administrative unit the tests' batches belong to (a ward of Thái Nguyên city).</summary>
    public const string Unit = "05443";

    /// <summary>Another unit, whose reviewers must not see <see cref="Unit"/>'s cases.</summary>
    public const string OtherUnit = "05446";

    /// <summary>A registry record; <paramref name="n"/> (unique per test) makes the record id and personal ID unique.</summary>
    public static RegistryRecord Record(int n, string fullName = "Nguyễn Văn Hoà", string dateOfBirth = "1985-03-12",
        string gender = "male") => new()
        {
            RecordId = $"R{n:D6}",
            PersonalId = PersonalId(n, dateOfBirth, gender),
            FullName = fullName,
            DateOfBirth = dateOfBirth,
            Gender = gender,
            BirthPlace = "Thái Nguyên",
            Hometown = "Xã Tân Cương, TP. Thái Nguyên",
            Ethnicity = "Kinh",
            PermanentAddress = "Số 12 ngõ 34 phố Lương Ngọc Quyến, TP. Thái Nguyên",
            FatherName = "Nguyễn Văn Thành",
            MotherName = "Trần Thị Lan",
        };

    /// <summary>The form a collector keyed for that person: other date format, Nam/Nữ, spaced ID, new address.</summary>
    public static SurveyForm FormFor(RegistryRecord r, string formId) => new()
    {
        FormId = formId,
        PersonalId = $"{r.PersonalId[..3]} {r.PersonalId[3..6]} {r.PersonalId[6..]}",
        FullName = r.FullName.ToUpperInvariant(),
        DateOfBirth = DateTime.ParseExact(r.DateOfBirth, "yyyy-MM-dd", null).ToString("dd/MM/yyyy"),
        Gender = r.Gender == "male" ? "Nam" : "Nữ",
        BirthPlace = r.BirthPlace,
        Hometown = r.Hometown,
        Ethnicity = r.Ethnicity,
        PermanentAddress = "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên",
        FatherName = r.FatherName,
        MotherName = r.MotherName,
    };

    /// <summary>Someone the registry does not know.</summary>
    public static SurveyForm Stranger(string formId) => new()
    {
        FormId = formId,
        PersonalId = "079300999888",
        FullName = "Hồ Thị Xuân Hương",
        DateOfBirth = "02/09/1999",
        Gender = "Nữ",
        PermanentAddress = "Ấp 3, xã Tân Phú, huyện Đức Hoà, Long An",
    };

    /// <summary>Thái Nguyên (019), the century-and-gender digit, the birth year's last two digits, a serial.</summary>
    public static string PersonalId(int n, string dateOfBirth, string gender)
    {
        var year = int.Parse(dateOfBirth[..4], System.Globalization.CultureInfo.InvariantCulture);
        var centuryGender = (year >= 2000 ? 2 : 0) + (gender == "female" ? 1 : 0);
        return $"019{centuryGender}{year % 100:D2}{n:D6}";
    }
}

/// <summary>
/// A cast of distinct people: names, genders and birth dates vary with <c>n</c>, as in a real registry (a batch whose
/// people all share eight names and dates would be a registry of twins, on which no model can learn anything).
/// </summary>
public static class Cast
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"];
    private static readonly string[] MaleMiddles = ["Văn", "Minh", "Đức", "Quốc", "Hữu"];
    private static readonly string[] FemaleMiddles = ["Thị", "Ngọc", "Thu", "Hồng", "Thanh"];
    private static readonly string[] MaleGivens = ["Hoà", "Tuấn", "Anh", "Bảo", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng"];
    private static readonly string[] FemaleGivens = ["Thuỷ", "Nhung", "Mai", "Hân", "Lan", "Hương", "Linh", "Ngân", "Phương", "Trang", "Yến", "Hà", "Vy"];

    public static RegistryRecord Record(int n)
    {
        var female = n % 2 == 1;
        var name = $"{Surnames[n % Surnames.Length]} {(female ? FemaleMiddles : MaleMiddles)[n / 2 % 5]} {(female ? FemaleGivens : MaleGivens)[n / 10 % 13]}";
        var date = new DateOnly(1950, 1, 1).AddDays(n * 211 % 20_000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Infrastructure.People.Record(n, name, date, female ? "female" : "male");
    }
}
