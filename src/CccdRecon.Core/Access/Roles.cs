namespace CccdRecon.Core.Access;

/// <summary>
/// The roles a token or a console session carries (claim <c>role</c>), shared by the server, which enforces them per RPC and
/// per console page, and the CLI, which mints development tokens with them.
/// </summary>
public static class Roles
{
    /// <summary>Upstream systems: online reconciliation.</summary>
    public const string Upstream = "recon.upstream";

    /// <summary>The civil registry (hộ tịch) feed: import and read registry records.</summary>
    public const string Registry = "recon.registry";

    /// <summary>Batch runs (đợt đối soát).</summary>
    public const string Batch = "recon.batch";

    /// <summary>Verification staff (cán bộ xác minh): review cases of their units only.</summary>
    public const string Reviewer = "recon.reviewer";

    /// <summary>CCCD intake: clean records.</summary>
    public const string Intake = "recon.intake";

    /// <summary>Everything, and the audit trail.</summary>
    public const string Admin = "recon.admin";

    public static IReadOnlyList<string> All { get; } = [Upstream, Registry, Batch, Reviewer, Intake, Admin];

    /// <summary>The claim naming the units (administrative unit codes) a token serves; one claim per unit.</summary>
    public const string UnitClaim = "unit";

    public const string RoleClaim = "role";
}
