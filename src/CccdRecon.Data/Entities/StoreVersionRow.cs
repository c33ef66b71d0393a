namespace CccdRecon.Data.Entities;

/// <summary>
/// A named version counter. Each registry import transaction increments <see cref="Registry"/> first, which locks the
/// row until it commits: imports commit in version order, so a reader that sees version V can load every record of
/// versions up to V and miss none.
/// </summary>
public sealed class StoreVersionRow
{
    public const string Registry = "registry";

    public required string Name { get; set; }
    public long Value { get; set; }
}
