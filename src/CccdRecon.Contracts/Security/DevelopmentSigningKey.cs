using System.Security.Cryptography;
using System.Text.Json;

namespace CccdRecon.Contracts.Security;

/// <summary>
/// The local token-signing key of a development server (HMAC-SHA256), kept in <c>./data/</c> next to the database:
/// the server creates it on first start and the CLI's <c>token</c> command signs with it. Never used outside
/// Development, where tokens come from an OpenID Connect authority.
/// </summary>
public sealed record DevelopmentSigningKey(string KeyId, byte[] Key)
{
    public const string Issuer = "cccdrecon-dev";
    public const string Audience = "cccdrecon";
    public const string DefaultPath = "data/dev-signing-key.json";

    /// <summary>Reads the key, or creates it (readable by the owner only) when the file does not exist yet.</summary>
    public static DevelopmentSigningKey LoadOrCreate(string path)
    {
        if (TryLoad(path, out var existing, out _))
        {
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = new DevelopmentSigningKey(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(path, options);
            JsonSerializer.Serialize(stream, new KeyFile(key.KeyId, Convert.ToBase64String(key.Key)));
            return key;
        }
        catch (IOException) when (TryLoad(path, out var raced, out _))
        {
            // Another process created it first: use theirs.
            return raced;
        }
    }

    public static bool TryLoad(string path, out DevelopmentSigningKey key, out string problem)
    {
        key = null!;
        if (!File.Exists(path))
        {
            problem = $"no development signing key at {Path.GetFullPath(path)} (start the server once in Development to create it)";
            return false;
        }
        try
        {
            var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path));
            var bytes = file?.Key is { } text ? Convert.FromBase64String(text) : [];
            if (file?.Kid is not { Length: > 0 } kid || bytes.Length < 32)
            {
                problem = $"the development signing key at {Path.GetFullPath(path)} is unreadable";
                return false;
            }
            key = new DevelopmentSigningKey(kid, bytes);
            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or IOException)
        {
            problem = $"the development signing key at {Path.GetFullPath(path)} is unreadable ({ex.GetType().Name})";
            return false;
        }
    }

    private sealed record KeyFile(string? Kid, string? Key);
}
