using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CccdRecon.Cli.Token;

/// <summary>What a development token says: who, which roles, which administrative units, for how long.</summary>
internal sealed record TokenRequest(string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, TimeSpan Lifetime);

/// <summary>Signs development tokens with the key a development server keeps in <c>./data/</c>.</summary>
internal static class TokenMinter
{
    public static string Mint(DevelopmentSigningKey key, TokenRequest request, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = request.Subject,
            [Roles.RoleClaim] = request.Roles.ToArray(),
        };
        if (request.Units.Count > 0)
        {
            claims[Roles.UnitClaim] = request.Units.ToArray();
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentSigningKey.Issuer,
            Audience = DevelopmentSigningKey.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key.Key) { KeyId = key.KeyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
