using CccdRecon.Core.Identity;

namespace CccdRecon.Core.Tests.Identity;

/// <summary>
/// A registry sketch keeps a 12-digit number packed four bits a digit, and scoring compares packed numbers as words: the
/// answer must be, for every pair, the one the digit-by-digit comparison gives — equal, one digit, a swap of neighbours,
/// or different (two digits apart, a swap of digits that are not neighbours, three and more).
/// </summary>
public sealed class PackedIdComparisonTests
{
    private static string Variant(Random rng, string id)
    {
        var digits = id.ToCharArray();
        switch (rng.Next(7))
        {
            case 0:
                break;
            case 1:
                digits[rng.Next(12)] = (char)('0' + rng.Next(10));
                break;
            case 2:
            {
                var i = rng.Next(11);
                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
                break;
            }
            case 3:
            {
                int i = rng.Next(12), j = rng.Next(12);
                (digits[i], digits[j]) = (digits[j], digits[i]);
                break;
            }
            case 4:
                for (var k = 0; k < 2; k++) digits[rng.Next(12)] = (char)('0' + rng.Next(10));
                break;
            case 5:
                // Neighbours turned into each other's digit and one more: a swap beside a third difference.
                (digits[3], digits[4]) = (digits[4], digits[3]);
                digits[rng.Next(12)] = (char)('0' + rng.Next(10));
                break;
            default:
                return string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + rng.Next(10))));
        }
        return new string(digits);
    }

    [Fact]
    public void Packed_numbers_compare_as_their_digits_do()
    {
        var rng = new Random(12);
        var seen = new HashSet<IdAgreement>();
        Span<char> unpacked = stackalloc char[12];
        for (var n = 0; n < 100_000; n++)
        {
            // Few distinct digits, so that swaps of equal digits and near-misses come up often.
            var form = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + rng.Next(n % 2 == 0 ? 3 : 10))));
            var record = Variant(rng, form);
            Assert.True(PersonalIdComparer.TryPack(form, out var packedForm));
            Assert.True(PersonalIdComparer.TryPack(record, out var packedRecord));
            var expected = PersonalIdComparer.CompareDigits(form, record);
            Assert.True(expected == PersonalIdComparer.ComparePacked(packedForm, packedRecord), $"{form} against {record}: {expected} by digits");
            Assert.Equal(record, new string(PersonalIdComparer.Unpack(packedRecord, unpacked)));
            seen.Add(expected);
        }
        Assert.Equal(Enum.GetValues<IdAgreement>().ToHashSet(), seen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567")]
    [InlineData("00109001234x")]
    [InlineData("00109001234５")]
    public void Only_digits_pack(string text) => Assert.False(PersonalIdComparer.TryPack(text, out _));
}
