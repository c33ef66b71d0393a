using System.Globalization;
using System.Text;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Interchange;

/// <summary>A forms file that is not UTF-8 is named by what it looks like, so the error can say how to fix it.</summary>
public sealed class TextEncodingGuessTests
{
    private const string Forms =
        "form_id,full_name,date_of_birth,gender,permanent_address\r\n" +
        "F1,Nguyễn Thị Hằng,12/03/1990,Nữ,\"Số 5, ngõ 12 Láng Hạ, Đống Đa, Hà Nội\"\r\n" +
        "F2,Trần Văn Đức,1985,Nam,Thôn Đông Xuyên\r\n" +
        "F3,Lê Hoàng Phương Thảo,05/11/2001,Nữ,Phường Bến Thành\r\n" +
        "F4,Phạm Quốc Việt,1978,Nam,Xã Quảng Xương\r\n";

    [Fact]
    public void Utf8_text_is_not_described() => Assert.Null(TextEncodingGuess.Describe(Encoding.UTF8.GetBytes(Forms)));

    [Fact]
    public void A_utf8_character_cut_at_the_end_of_the_sample_is_still_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Forms + "Nguyễn");
        Assert.Null(TextEncodingGuess.Describe(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void Windows_1258_is_recognised() => Assert.StartsWith("Windows-1258", TextEncodingGuess.Describe(Windows1258(Forms)));

    [Fact]
    public void Tcvn3_is_recognised() => Assert.StartsWith("TCVN3", TextEncodingGuess.Describe(Latin(LegacyVietnamese.Encode(Forms, LegacyEncoding.Tcvn3))));

    [Fact]
    public void Vni_is_recognised() => Assert.StartsWith("VNI", TextEncodingGuess.Describe(Latin(LegacyVietnamese.Encode(Forms, LegacyEncoding.Vni))));

    [Fact]
    public void Utf16_with_or_without_a_byte_order_mark_is_recognised()
    {
        Assert.StartsWith("UTF-16", TextEncodingGuess.Describe(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Forms)).ToArray()));
        Assert.StartsWith("UTF-16", TextEncodingGuess.Describe(Encoding.Unicode.GetBytes(Forms)));
    }

    [Fact]
    public void Binary_data_is_recognised()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        Assert.StartsWith("binary", TextEncodingGuess.Describe(bytes));
    }

    /// <summary>Windows-1258 keeps â ê ô ơ ư ă đ as letters and writes the five tones as combining marks after them.</summary>
    internal static byte[] Windows1258(string text)
    {
        const string tones = "\u0300\u0301\u0303\u0309\u0323";
        var spelled = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var parts = c.ToString().Normalize(NormalizationForm.FormD);
            var tone = parts.FirstOrDefault(m => tones.Contains(m));
            spelled.Append(new string(parts.Where(m => !tones.Contains(m)).ToArray()).Normalize(NormalizationForm.FormC));
            if (tone != default)
            {
                spelled.Append(tone);
            }
        }
        return CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetBytes(spelled.ToString());
    }

    private static byte[] Latin(string text) => text.Select(c => checked((byte)c)).ToArray();
}
