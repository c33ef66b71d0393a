using System.Reflection;

namespace CccdRecon.Cli.Generate;

/// <summary>The population facts the generator draws from: surname shares, given names, ethnic groups, place words.</summary>
internal static class Demographics
{
    /// <summary>
    /// Surname (họ) shares in percent, after the commonly cited national survey figures: Nguyễn ≈38, Trần 11, Lê 9.5…
    /// The two regional pairs split their combined share (Hoàng/Huỳnh 5.1, Vũ/Võ 3.9) north/south.
    /// </summary>
    public static readonly (string Surname, double Percent)[] Surnames =
    [
        ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 3.0), ("Huỳnh", 2.1), ("Phan", 4.5),
        ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
        ("Lý", 0.5),
        // The tail: about 11% of people carry one of many rarer surnames.
        ("Đào", 0.9), ("Đoàn", 0.8), ("Trịnh", 0.8), ("Trương", 0.8), ("Đinh", 0.8), ("Lâm", 0.6), ("Mai", 0.6),
        ("Hà", 0.6), ("Tạ", 0.4), ("Lương", 0.5), ("Cao", 0.5), ("Phùng", 0.4), ("Vương", 0.3), ("Tô", 0.3),
        ("Lưu", 0.3), ("Châu", 0.3), ("Quách", 0.2), ("Thái", 0.2), ("Kiều", 0.2), ("Triệu", 0.2), ("Chu", 0.2),
        ("Nông", 0.2), ("Lục", 0.1), ("Mạc", 0.1), ("Khúc", 0.1), ("Doãn", 0.1), ("Tăng", 0.1), ("La", 0.1),
    ];

    /// <summary>Ethnic groups (dân tộc) in rough population shares, percent.</summary>
    public static readonly (string Name, double Percent)[] Ethnicities =
    [
        ("Kinh", 85.3), ("Tày", 1.9), ("Thái", 1.9), ("Mường", 1.5), ("H'Mông", 1.4), ("Khmer", 1.3), ("Nùng", 1.1),
        ("Dao", 0.9), ("Hoa", 0.8), ("Gia Rai", 0.5), ("Ê Đê", 0.4), ("Ba Na", 0.3), ("Sán Dìu", 0.2), ("Chăm", 0.2),
    ];

    /// <summary>Common male and female middle names (tên đệm), used to build and to damage names.</summary>
    public static readonly string[] MaleMiddles = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Xuân"];
    public static readonly string[] FemaleMiddles = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Minh"];

    /// <summary>Commune and street words for addresses and hometowns.</summary>
    public static readonly string[] PlaceWords =
    [
        "Tân Lập", "Hòa Bình", "Phú Mỹ", "An Khánh", "Quang Trung", "Đông Hòa", "Thạch Bàn", "Yên Thế", "Bình Minh",
        "Hưng Đạo", "Vĩnh Ninh", "Trung Sơn", "Thuận An", "Phước Long", "Cẩm Phả", "Nghĩa Đô", "Lạc Long Quân",
        "Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Điện Biên Phủ", "Lý Thường Kiệt", "Võ Thị Sáu",
    ];

    public static readonly double[] SurnameWeights = Cumulative(Surnames.Select(s => s.Percent));
    public static readonly double[] EthnicityWeights = Cumulative(Ethnicities.Select(e => e.Percent));

    /// <summary>Middle+given names for boys and girls (duyet/vietnamese-namedb, MIT), canonical tone placement.</summary>
    public static readonly string[][] BoyNames = LoadNames("given-names-boy.txt");
    public static readonly string[][] GirlNames = LoadNames("given-names-girl.txt");

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private static string[][] LoadNames(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CccdRecon.Cli.Generate.Data.{file}")
            ?? throw new InvalidOperationException($"Embedded name list {file} is missing from the build.");
        using var reader = new StreamReader(stream);
        var names = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            // The source list sometimes has Icelandic Ð (U+00D0) where Vietnamese Đ (U+0110) is meant.
            var syllables = line.Replace('\u00D0', '\u0110').Replace('\u00F0', '\u0111').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (syllables.Length > 0) names.Add(syllables.Select(ToneStyle.ToCanonical).ToArray());
        }
        return names.ToArray();
    }
}
