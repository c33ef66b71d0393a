namespace CccdRecon.Data.Errors;

/// <summary>A request field that is wrong, named as in the request (AIP-193 <c>BadRequest.FieldViolation</c>).</summary>
public readonly record struct Violation(string Field, string Description);

/// <summary>One item of a streamed import or upload that was refused (the stream goes on): its position and key.</summary>
public sealed record ItemRejection(long Index, string Key, IReadOnlyList<Violation> Violations);
