namespace CccdRecon.Data.Entities;

/// <summary>Why a form needs a person (loại hồ sơ cần xác minh). Stored as its number: never renumber.</summary>
public enum CaseKind
{
    /// <summary>Matched, but fields differ in substance: decide each flagged field.</summary>
    Differences = 1,
    /// <summary>More than one record could be this person: choose one, or reject them all.</summary>
    Ambiguous = 2,
    /// <summary>No record was linked: find the person in the registry, or confirm the form is not there.</summary>
    NoMatch = 3,
}
