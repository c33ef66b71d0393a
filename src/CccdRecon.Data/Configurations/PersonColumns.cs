using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

/// <summary>The person columns shared by registry records, batch forms and clean records.</summary>
internal static class PersonColumns
{
    private static readonly string[] Text =
        ["FullName", "BirthPlace", "Hometown", "Ethnicity", "PermanentAddress", "FatherName", "MotherName"];

    /// <summary>Bounds every person column; <paramref name="keyed"/> columns hold raw form input, so they get the text size.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b, bool keyed) where T : class
    {
        foreach (var name in Text)
        {
            b.Property(name).HasMaxLength(Columns.Text);
        }
        var coded = keyed ? Columns.Text : Columns.Short;
        b.Property("PersonalId").HasMaxLength(coded);
        b.Property("DateOfBirth").HasMaxLength(coded);
        b.Property("Gender").HasMaxLength(coded);
    }
}
