using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Intake;

/// <summary>An intake-ready record (hồ sơ sạch) of a batch form, with where each of its fields came from.</summary>
public sealed record IntakeRecord(long Id, string BatchId, string FormId, RegistryRecord Record, IReadOnlyList<FieldProvenance> Sources);

/// <summary>Where one field of an intake record came from.</summary>
public readonly record struct FieldProvenance(string Field, ValueSource Source);

/// <summary>
/// The origin of an intake value. Stored by number (a letter, <see cref="CleanRecords.SourceLetters"/>) and, in rows
/// written before, by name: never renumber or rename.
/// </summary>
public enum ValueSource
{
    /// <summary>A stored name this version does not know.</summary>
    Unknown = 0,
    /// <summary>The civil registry's value.</summary>
    Registry = 1,
    /// <summary>The form's value (the residence, or a reviewer took it).</summary>
    Form = 2,
    /// <summary>A reviewer's correction.</summary>
    Reviewer = 3,
}
