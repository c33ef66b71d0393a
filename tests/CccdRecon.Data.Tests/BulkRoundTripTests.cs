using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// What the bulk path writes, each value bound by its typed call (<see cref="BulkTable{T}.WriteRow"/>), reads back
/// through EF Core as it was given: text (with characters a text COPY escapes), numbers, instants as ticks, nulls and
/// empty text, inserted and upserted.
/// </summary>
public sealed class BulkRoundTripTests
{
    [Fact]
    public async Task Rows_written_in_bulk_read_back_as_given()
    {
        await using var host = await StoreHost.StartAsync();
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        var at = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7));
        var full = new RegistryRecordRow
        {
            RecordId = "R-bulk-1", OldId = "123456789", UpdatedAt = at, Version = 7_000_000_001L, ResidenceProvince = "01",
            Person = new PersonColumns
            {
                PersonalId = "001090000001", FullName = "Lê Thị Ánh", DateOfBirth = "1990-01-02", Gender = "female", BirthPlace = "Hà Nội",
                Hometown = Escapes, Ethnicity = "\\N", PermanentAddress = "12 Hàng Bạc, Hoàn Kiếm, Hà Nội", FatherName = "Lê Văn B", MotherName = "",
            },
        };
        var sparse = new RegistryRecordRow { RecordId = "R-bulk-2", UpdatedAt = at.AddTicks(1), Person = new PersonColumns { FullName = "Trần An" } };

        await WriteAsync((bulk, db) => bulk.InsertAsync(db, db.Table<RegistryRecordRow>(), [full, sparse], default));
        Assert.Equal([Shown(full), Shown(sparse)], await ReadAsync());

        (full.OldId, full.Person.Gender, sparse.OldId, sparse.Version) = (null, null, "987654321", 3);
        await WriteAsync((bulk, db) => bulk.UpsertAsync(db, db.Table<RegistryRecordRow>(), [full, sparse], default));
        Assert.Equal([Shown(full), Shown(sparse)], await ReadAsync());

        async Task WriteAsync(Func<BulkWriter, ReconDbContext, Task> write)
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await write(BulkWriter.For(db.Database), db);
            await transaction.CommitAsync();
        }

        async Task<List<string>> ReadAsync()
        {
            await using var db = await factory.CreateDbContextAsync();
            return (await db.RegistryRecords.AsNoTracking().Where(r => r.RecordId.StartsWith("R-bulk-")).OrderBy(r => r.RecordId).ToListAsync()).Select(Shown).ToList();
        }
    }

    /// <summary>
    /// Text with what PostgreSQL's text <c>COPY</c> reads as other than itself (backslash, tab, line feed, carriage
    /// return): the bulk path escapes each, and <c>\N</c> as text is not null.
    /// </summary>
    private const string Escapes = "Nam\\Định\tXã\nmột\r\nhai\\";

    /// <summary>Every stored value of the row, nulls shown apart from empty text.</summary>
    private static string Shown(RegistryRecordRow row)
    {
        var p = row.Person;
        string?[] values = [row.RecordId, row.OldId, row.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), row.ResidenceProvince,
            p.PersonalId, p.FullName, p.DateOfBirth, p.Gender, p.BirthPlace, p.Hometown, p.Ethnicity, p.PermanentAddress, p.FatherName, p.MotherName];
        return string.Join("|", values.Select(v => v is null ? "<null>" : "'" + v + "'"));
    }
}
