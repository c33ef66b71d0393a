namespace CccdRecon.Core.Names;

/// <summary>
/// Syllables that are common in Vietnamese names (họ, tên đệm, tên). Not a dictionary: only evidence that a
/// legacy decoding produced a name ("Tiến") rather than a merely well-formed syllable ("Tĩn").
/// </summary>
internal static class NameSyllables
{
    private const string Common =
        "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lò hà đinh trịnh đoàn lương mai tô " +
        "tạ quách ưng âu ông kiều thái lưu tăng khổng giang cù ứng vương cao lâm châu triệu thân đàm phùng lại mạc " +
        "nông hứa chu kim quan la từ tôn nghiêm kha lục mạch thạch sầm ninh chế tống doãn đồng khúc diệp giáp hầu " +
        "lã lạc bế văn thị hữu đức ngọc minh quang thanh xuân công đình quốc thành trọng bá gia bảo như hồng phương " +
        "thế mạnh duy tiến khánh diệu mỹ thùy ánh ý an anh bình cường dũng hải hạnh hùng lan linh nam phúc quý sơn " +
        "thủy trang tuấn yến ổn ước ỷ uyên quyên khuê tuyết nguyệt hiếu hường phượng oanh khoa loan ngoãn toản quỳnh " +
        "giàu già nghĩa thoa hòe thúy lũy nhuận khỏe duyên tường hoa hòa hoàn hiền hiển hiệp hiệu hưng hương huy " +
        "huyền huệ hằng hào hậu hân hạ hợp hội hoan kiên kiệt khang khải khiêm khôi khuyên lập lệ liên liêm liễu lộc " +
        "lợi long luân lực ly mẫn my na nga ngà ngân nghi nguyên nhàn nhân nhật nhi nhung nhiên phát phi phong phú " +
        "phụng phước quân quế quyết sang sáng sâm sinh sương tài tâm tân tấn thắm thắng thảo thiện thịnh thơ thông " +
        "thu thuận thư thương thường tiên tín tình toàn trà trâm trí triều trinh trung trúc trường tú tùng tuyền " +
        "tư vân vi viên việt vinh vĩnh vượng yên đạt đào điệp định đông đăng đại đan đoan dung chi chính chiến chung " +
        "cúc cương diễm dinh doanh bích bắc bằng ca cảnh cầm chánh chương hoài huân huấn lam lành lãm luyến mận mến " +
        "miên mơ nở nương phấn quyền sen tám tí út xoan xuyến ân bội chúc cẩm diễn dự đảm điền đôn giao hạc hòa " +
        "hứa kha khiết kỳ lễ lĩnh lụa mão mừng nết ngát ngọ nhạn nhẫn nhị nhơn phận quảng sỹ sĩ tạo thảnh thể thiết " +
        "thìn thoại thuần thục tịnh toại trác trị trưng tuân tuệ túc tuyển tứ uy vạn vàng vịnh vỹ xương yêm ẩn ẩm " +
        "ơn điểm dền trị hiên hoàn khương lũ lụa năm nhã nhàn phẩm phố phục quyến sự thiêm thoan thọ thuyên tiệp";

    private static readonly HashSet<string> Set = BuildSet();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    private static HashSet<string> BuildSet()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Common.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(VietnameseText.CanonicalToneplacement(word));
        }

        return set;
    }

    /// <summary>True for a lower-case canonical syllable common in names.</summary>
    internal static bool Contains(ReadOnlySpan<char> lowerCanonical) => Lookup.Contains(lowerCanonical);
}
