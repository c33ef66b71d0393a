using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Interchange;

/// <summary>One <c>field:kind</c> pair of a results.csv <c>flags</c> cell, e.g. <c>full_name:missing_middle_name</c>.</summary>
public sealed record FlagPair(string Field, string Kind);

/// <summary>A row of results.csv (kết quả đối soát) as read back from the file.</summary>
public sealed record ResultRow(string FormId, MatchStatus Status, string? RecordId, double Score, IReadOnlyList<FlagPair> Flags);

/// <summary>A row of review.csv: one field of one form that needs correction, as a run wrote it.</summary>
/// <param name="Reason">The engine's reason; null in files written before the column existed.</param>
public sealed record ReviewRow(string FormId, string? RecordId, string Field, string Kind, string FormValue, string RegistryValue, string Suggestion, string? Reason);
