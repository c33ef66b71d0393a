using System.Linq.Expressions;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CccdRecon.Data.Configurations;

/// <summary>Maps a row's <see cref="PersonColumns"/> to columns of the row's own table, each named as its property.</summary>
internal static class PersonColumnsMapping
{
    /// <param name="keyed">The columns hold raw form input or a reviewer's correction, so the coded ones (ID, date,
    /// gender) get the text size; the registry's own codes are short.</param>
    /// <param name="requireFullName">A registry or clean record always has a name; a form may lack it.</param>
    public static void Map<T>(EntityTypeBuilder<T> row, Expression<Func<T, PersonColumns?>> person, bool keyed, bool requireFullName)
        where T : class
        => row.ComplexProperty(person, p =>
        {
            p.IsRequired();
            foreach (var property in p.Metadata.ComplexType.GetProperties())
            {
                p.Property(property.Name).HasColumnName(property.Name).HasMaxLength(Columns.Text);
            }
            var coded = keyed ? Columns.Text : Columns.Short;
            p.Property(x => x.PersonalId).HasMaxLength(coded);
            p.Property(x => x.DateOfBirth).HasMaxLength(coded);
            p.Property(x => x.Gender).HasMaxLength(coded);
            p.Property(x => x.FullName).IsRequired(requireFullName);
        });
}
