using System.Security.Claims;
using CccdRecon.Core.Access;
using CccdRecon.Core.Places;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CccdRecon.Web.Console;

/// <summary>
/// Sign-in and sign-out of the console: a cookie session made by an OpenID Connect sign-in in production (roles and
/// units from the identity provider's claims, as the gRPC API reads them from tokens), or, in Development only, by
/// <c>GET /dev/login?role=ROLE&amp;unit=CODE&amp;subject=NAME</c>.
/// </summary>
public static class ConsoleAuth
{
    public const string CookieScheme = "Console";
    public const string OidcScheme = "ConsoleOidc";
    /// <summary>Signed in with the role of a reviewer (or administrator).</summary>
    public const string Policy = "ConsoleReviewer";
    private const int MaxSubjectLength = 64;

    internal static IEnumerable<IEndpointConventionBuilder> MapEndpoints(WebApplication app)
    {
        yield return app.MapGet("/signin/oidc", SignIn).AllowAnonymous();
        yield return app.MapPost("/signout", SignOutAsync).RequireAuthorization(Policy);
        yield return app.MapPost("/language", Language).AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            // Mapped in Development only: anywhere else the address does not exist (404).
            yield return app.MapGet("/dev/login", DevelopmentLoginAsync).AllowAnonymous();
        }
    }

    /// <summary>Off to the identity provider (the sign-in page sends staff here when there is one).</summary>
    private static IResult SignIn(ConsoleIdentity identity, string? returnUrl)
        => identity.HasAuthority
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOr(returnUrl, "/review") }, [OidcScheme])
            : Results.LocalRedirect("/signin");

    private static async Task<IResult> SignOutAsync(HttpContext http, ConsoleIdentity identity)
    {
        await http.SignOutAsync(CookieScheme);
        if (identity.HasAuthority)
        {
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signin" }, [OidcScheme]);
        }
        return Results.Redirect("/signin");
    }

    /// <summary>Switches the console's language (kept for a year in a cookie) and goes back to the page.</summary>
    private static IResult Language(HttpContext http, [FromForm] string? culture, [FromForm] string? returnUrl)
    {
        var chosen = culture == Text.T.English ? Text.T.English : Text.T.Vietnamese;
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return Results.LocalRedirect(LocalOr(returnUrl, "/review"));
    }

    /// <summary>Development only: a session for any subject, role and units, checked as tokens are (known role, valid unit codes).</summary>
    private static async Task<IResult> DevelopmentLoginAsync(HttpContext http, ConsoleIdentity identity, string? role, [FromQuery] string[]? unit,
        string? subject, string? returnUrl)
    {
        if (role is null || !Roles.All.Contains(role))
        {
            return Results.BadRequest("role must be one of " + string.Join(", ", Roles.All));
        }
        var units = unit ?? [];
        if (units.FirstOrDefault(u => !UnitCodes.IsValid(u)) is { } bad)
        {
            return Results.BadRequest("unit must be " + UnitCodes.Rule);
        }
        var name = string.IsNullOrWhiteSpace(subject) ? "dev." + role.Replace("recon.", "", StringComparison.Ordinal) : subject.Trim();
        if (name.Length > MaxSubjectLength)
        {
            return Results.BadRequest($"subject must be at most {MaxSubjectLength} characters");
        }
        var claims = new List<Claim> { new("sub", name), new(identity.RoleClaim, role) };
        claims.AddRange(units.Select(u => new Claim(identity.UnitClaim, u)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "development", "sub", identity.RoleClaim));
        await http.SignInAsync(CookieScheme, principal);
        return Results.LocalRedirect(LocalOr(returnUrl, "/review"));
    }

    /// <summary>A local path to go back to (never another site).</summary>
    internal static string LocalOr(string? url, string fallback)
        => !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;
}
