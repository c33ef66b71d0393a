using System.Reflection;
using CccdRecon.Core.Matching;

namespace CccdRecon.Web.Console;

/// <summary>The engine's names the console offers in its filters: flaggable fields and kinds of difference.</summary>
internal static class Vocabulary
{
    public static IReadOnlyList<string> Fields => FlaggableField.All;

    /// <summary>Every kind of difference the engine names (<see cref="DiscrepancyKind"/>'s constants).</summary>
    public static IReadOnlyList<string> DifferenceKinds { get; } = typeof(DiscrepancyKind)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>The person fields in the order of the form (DC01).</summary>
    public static IReadOnlyList<string> PersonFieldsInOrder => PersonFields.OfForm;
}
