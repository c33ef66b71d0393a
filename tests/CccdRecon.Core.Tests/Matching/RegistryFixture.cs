using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>A small registry with the hard cases side by side: twins, namesakes, regional surnames, partial dates.</summary>
internal static class RegistryFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(7));

    public static RegistryRecord Hoa => new()
    {
        RecordId = "R-HOA", PersonalId = "001090012345", OldId = "012345678", FullName = "Nguyễn Văn Hòa",
        DateOfBirth = "1990-03-12", Gender = "male", BirthPlace = "Hà Nội", PermanentAddress = "12 Nguyễn Trãi, Thanh Xuân, Hà Nội",
        FatherName = "Nguyễn Văn Bình", MotherName = "Trần Thị Lan",
    };

    // Twins: same parents, surname and date; different given names and numbers.
    public static RegistryRecord TwinA => new()
    {
        RecordId = "R-TWIN-A", PersonalId = "038185001111", FullName = "Lê Thị Mai", DateOfBirth = "1985-07-04", Gender = "female",
        BirthPlace = "Thanh Hóa", FatherName = "Lê Văn Toàn", MotherName = "Phạm Thị Hương",
    };
    public static RegistryRecord TwinB => TwinA with { RecordId = "R-TWIN-B", PersonalId = "038185002222", FullName = "Lê Thị Lan" };

    // Namesakes born the same year, nothing else in common.
    public static RegistryRecord NamesakeA => new()
    {
        RecordId = "R-NS-A", PersonalId = "036075003333", FullName = "Trần Văn Quý", DateOfBirth = "1975-02-10", Gender = "male",
        BirthPlace = "Nam Định", FatherName = "Trần Văn Cường", MotherName = "Đỗ Thị Nga",
    };
    public static RegistryRecord NamesakeB => new()
    {
        RecordId = "R-NS-B", PersonalId = "079075004444", FullName = "Trần Văn Quý", DateOfBirth = "1975-11-23", Gender = "male",
        BirthPlace = "Hồ Chí Minh", FatherName = "Trần Minh Đức", MotherName = "Võ Thị Sáu",
    };

    public static RegistryRecord Hoang => new()
    {
        RecordId = "R-HOANG", PersonalId = "048192005555", FullName = "Hoàng Thị Thủy", DateOfBirth = "1992-10-05", Gender = "female",
        BirthPlace = "Đà Nẵng", FatherName = "Hoàng Văn Nam", MotherName = "Lê Thị Hoa",
    };

    // An elderly person the registry knows only by year.
    public static RegistryRecord Elder => new()
    {
        RecordId = "R-ELDER", FullName = "Phạm Văn Khỏe", DateOfBirth = "1938", Gender = "male", BirthPlace = "Thái Bình",
        FatherName = "Phạm Văn Lộc",
    };

    public static IReadOnlyList<RegistryRecord> All => [Hoa, TwinA, TwinB, NamesakeA, NamesakeB, Hoang, Elder];

    public static (RegistryIndex Index, Reconciler Reconciler) Build(MatchingOptions? options = null, IEnumerable<RegistryRecord>? extra = null)
    {
        var time = new FakeTimeProvider(Now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(All.Concat(extra ?? []).ToList());
        return (index, new Reconciler(index, options ?? new MatchingOptions(), time));
    }

    public static SurveyForm FormOf(RegistryRecord r, string formId = "F-1") => new()
    {
        FormId = formId, PersonalId = r.PersonalId ?? r.OldId, FullName = r.FullName, DateOfBirth = r.DateOfBirth, Gender = r.Gender,
        BirthPlace = r.BirthPlace, FatherName = r.FatherName, MotherName = r.MotherName, PermanentAddress = r.PermanentAddress,
    };
}
