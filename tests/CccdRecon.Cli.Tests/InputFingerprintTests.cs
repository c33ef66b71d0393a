using System.Security.Cryptography;
using System.Text;
using CccdRecon.Cli.Files;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// The one pass over an input file's bytes that <c>cccdrecon batch</c> takes before it sends the file (its hash, the batch
/// key's, and whether it is all UTF-8): a wrong answer either lets a file in another encoding reach the server or makes a
/// rerun miss its batch.
/// </summary>
public sealed class InputFingerprintTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("cccdrecon-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public static TheoryData<int> Offsets => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void A_character_cut_by_the_end_of_a_read_is_still_utf8_and_the_hash_is_the_files(int shift)
    {
        // Vietnamese letters of two and three bytes, and a four-byte one, laid across the first 1 MB read at every shift.
        var text = new string('a', (1 << 20) - 5 + shift) + "Nguyễn Văn Ánh 𝄞 Đặng\n" + new string('b', 3000);
        var path = Write(Encoding.UTF8.GetBytes(text));

        var (sha256, allUtf8) = InputFiles.Fingerprint(path, CancellationToken.None);

        Assert.True(allUtf8);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), sha256);
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void One_byte_that_is_not_utf8_anywhere_is_found(int shift)
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', (1 << 20) - 2 + shift) + "Nguy" + new string('c', 10));
        // Windows-1258's "ễ" is not a UTF-8 sequence: a lone lead byte, then ASCII.
        bytes[(1 << 20) - 2 + shift + 2] = 0xC3;

        Assert.False(InputFiles.Fingerprint(Write(bytes), CancellationToken.None).AllUtf8);
        Assert.False(InputFiles.Fingerprint(Write([.. "abc"u8, 0xE1, 0xBB]), CancellationToken.None).AllUtf8);
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_work, $"{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
