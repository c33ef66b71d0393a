using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// A small made-up province for model tests: registry records with full-word addresses, forms of most of them written
/// the way collectors write (capitals or no diacritics, abbreviated administrative words), and forms of people the
/// registry lacks. Deterministic for a seed.
/// </summary>
internal sealed class SmallProvince
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu"];
    private static readonly string[] Givens = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Nam", "Hùng", "Lộc", "Hạnh", "Tuấn", "Yến", "Phương", "Quân", "Thảo"];
    private static readonly string[] Communes = ["Tiên Hội", "Cù Vân", "Hà Thượng", "Phú Xuyên", "Minh Đức", "Tân Linh"];
    private static readonly string[] Districts = ["Phổ Yên", "Đại Từ", "Phú Lương"];

    public List<RegistryRecord> Registry { get; } = [];
    public List<SurveyForm> Forms { get; } = [];
    /// <summary>Form id → the record it was made from, or null for a person the registry lacks.</summary>
    public Dictionary<string, string?> Truth { get; } = [];

    /// <param name="yearOnly">forms give the year of birth only (as many elderly people's do)</param>
    public SmallProvince(int people, double absentShare, int seed, bool yearOnly = false)
    {
        var rng = new Random(seed);
        for (var i = 0; i < people; i++) Registry.Add(Person(rng, $"R{i:D5}"));
        var formNumber = 0;
        foreach (var record in Registry)
        {
            if (rng.NextDouble() < 0.1) continue;
            var id = $"F{formNumber++:D5}";
            Forms.Add(Collected(rng, record, id, yearOnly));
            Truth[id] = record.RecordId;
            while (rng.NextDouble() < absentShare / (1 - absentShare))
            {
                var absentId = $"F{formNumber++:D5}";
                Forms.Add(Collected(rng, Person(rng, "absent"), absentId, yearOnly));
                Truth[absentId] = null;
            }
        }
    }

    private static RegistryRecord Person(Random rng, string id)
    {
        var female = rng.Next(2) == 0;
        var year = rng.Next(1940, 2015);
        var commune = Communes[rng.Next(Communes.Length)];
        return new RegistryRecord
        {
            RecordId = id,
            PersonalId = rng.Next(5) == 0 ? null : $"019{(female ? 1 : 0) + (year >= 2000 ? 2 : 0)}{year % 100:D2}{rng.Next(1_000_000):D6}",
            FullName = $"{Surnames[rng.Next(Surnames.Length)]} {(female ? "Thị" : Middles[rng.Next(Middles.Length)])} {Givens[rng.Next(Givens.Length)]}",
            DateOfBirth = $"{year}-{rng.Next(1, 13):D2}-{rng.Next(1, 29):D2}",
            Gender = female ? "female" : "male",
            BirthPlace = "Thái Nguyên",
            PermanentAddress = $"Xóm {rng.Next(1, 20)}, xã {commune}, huyện {Districts[rng.Next(Districts.Length)]}, tỉnh Thái Nguyên",
            FatherName = rng.Next(4) == 0 ? null : $"{Surnames[rng.Next(Surnames.Length)]} Văn {Givens[rng.Next(Givens.Length)]}",
            MotherName = rng.Next(4) == 0 ? null : $"{Surnames[rng.Next(Surnames.Length)]} Thị {Givens[rng.Next(Givens.Length)]}",
        };
    }

    /// <summary>The record as a collector writes it: only cosmetic changes.</summary>
    private static SurveyForm Collected(Random rng, RegistryRecord r, string formId, bool yearOnly)
    {
        string Style(string? text) => text is null ? "" : rng.Next(3) switch
        {
            0 => text.ToUpperInvariant(),
            1 => VietnameseText.Fold(text).ToUpperInvariant(),
            _ => text,
        };
        var date = r.DateOfBirth!.Split('-');
        return new SurveyForm
        {
            FormId = formId,
            PersonalId = r.PersonalId,
            FullName = Style(r.FullName),
            DateOfBirth = yearOnly ? date[0] : $"{date[2]}/{date[1]}/{date[0]}",
            Gender = r.Gender == "female" ? "Nữ" : "Nam",
            BirthPlace = r.BirthPlace,
            PermanentAddress = r.PermanentAddress!.Replace("Xóm ", "X. ").Replace("xã ", "X. ").Replace("huyện ", "H. ").Replace("tỉnh ", "T. "),
            FatherName = Style(r.FatherName),
            MotherName = Style(r.MotherName),
        };
    }
}
