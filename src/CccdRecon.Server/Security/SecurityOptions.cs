using System.ComponentModel.DataAnnotations;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;

namespace CccdRecon.Server.Security;

/// <summary>
/// The <c>Auth</c> section: where bearer tokens come from. Outside Development an OpenID Connect
/// <see cref="Authority"/> and <see cref="Audience"/> are required; in Development without one the server signs
/// its own tokens with a local key (see docs/security.md).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect issuer URL; its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string? Audience { get; set; }

    /// <summary>Only for a test authority on loopback: fetch the discovery document over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the roles (<c>roles</c> for Microsoft Entra ID).</summary>
    [Required]
    public string RoleClaim { get; set; } = Roles.RoleClaim;

    /// <summary>The claim holding the administrative units a reviewer serves.</summary>
    [Required]
    public string UnitClaim { get; set; } = Roles.UnitClaim;

    /// <summary>The development signing key, relative to the working directory.</summary>
    [Required]
    public string DevelopmentKeyPath { get; set; } = DevelopmentSigningKey.DefaultPath;

    public bool HasAuthority => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>The <c>Transport</c> section.</summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";

    /// <summary>
    /// Plain HTTP/2 on a non-loopback address, for a TLS-terminating proxy in front; without it the server refuses to
    /// start on such an address.
    /// </summary>
    public bool AllowPlainHttp { get; set; }
}
