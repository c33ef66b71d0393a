using System.Globalization;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Febrl;

/// <summary>One FEBRL record: the columns of dataset4a/4b, already trimmed.</summary>
public sealed record FebrlRecord(
    string RecId, string GivenName, string Surname, string StreetNumber, string Address1, string Address2,
    string Suburb, string Postcode, string State, string DateOfBirth, string SocSecId);

/// <summary>
/// Maps the FEBRL 4 linkage benchmark to the interchange files: set A becomes the registry, set B the forms, and
/// the truth comes from the record ids (<c>rec-N-dup-K</c> is a copy of <c>rec-N-org</c>). FEBRL has no gender and
/// no national ID of ours, so those stay empty.
/// </summary>
public static class FebrlMapper
{
    private static readonly string[] Columns =
        ["rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id"];

    /// <summary>Reads a FEBRL file (header row, values separated by ", "). Lines with the wrong cell count go to <paramref name="reject"/>.</summary>
    public static IEnumerable<FebrlRecord> Read(TextReader reader, Action<long, string> reject)
    {
        var header = reader.ReadLine();
        if (header is null) yield break;
        var names = header.Split(',').Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var index = Columns.Select(c => Array.IndexOf(names, c)).ToArray();
        if (index.Any(i => i < 0)) throw new InvalidDataException($"not a FEBRL file: expected columns {string.Join(", ", Columns)}");
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var cells = text.Split(',');
            if (cells.Length != names.Length)
            {
                reject(line, $"{cells.Length} cells where the header has {names.Length}");
                continue;
            }
            string Cell(int column) => cells[index[column]].Trim();
            yield return new FebrlRecord(Cell(0), Cell(1), Cell(2), Cell(3), Cell(4), Cell(5), Cell(6), Cell(7), Cell(8), Cell(9), Cell(10));
        }
    }

    public static RegistryRecord ToRegistry(FebrlRecord r) => new()
    {
        RecordId = r.RecId,
        FullName = FullName(r),
        DateOfBirth = TryDate(r.DateOfBirth) is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : r.DateOfBirth,
        Gender = "",
        PermanentAddress = Address(r),
    };

    public static SurveyForm ToForm(FebrlRecord r) => new()
    {
        FormId = r.RecId,
        FullName = EmptyToNull(FullName(r)),
        DateOfBirth = TryDate(r.DateOfBirth) is { } d ? $"{d.Day}/{d.Month}/{d.Year}" : EmptyToNull(r.DateOfBirth),
        PermanentAddress = EmptyToNull(Address(r)),
    };

    /// <summary>The truth row of a B record: its original in A when that is there.</summary>
    public static TruthRow ToTruth(FebrlRecord b, IReadOnlySet<string> registryIds)
    {
        var original = OriginalOf(b.RecId);
        return new TruthRow(b.RecId, original is not null && registryIds.Contains(original) ? original : null, [], ["febrl"]);
    }

    /// <summary>"rec-12-dup-0" → "rec-12-org"; an original is its own original.</summary>
    public static string? OriginalOf(string recId)
    {
        var parts = recId.Split('-');
        if (parts.Length < 3 || parts[0] != "rec") return null;
        return $"rec-{parts[1]}-org";
    }

    private static string FullName(FebrlRecord r) => string.Join(' ', new[] { r.Surname, r.GivenName }.Where(s => s.Length > 0));

    private static string Address(FebrlRecord r)
    {
        var street = string.Join(' ', new[] { r.StreetNumber, r.Address1 }.Where(s => s.Length > 0));
        var region = string.Join(' ', new[] { r.State, r.Postcode }.Where(s => s.Length > 0));
        return string.Join(", ", new[] { street, r.Address2, r.Suburb, region }.Where(s => s.Length > 0));
    }

    private static DateOnly? TryDate(string yyyymmdd) =>
        DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? EmptyToNull(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
