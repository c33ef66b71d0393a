using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CccdRecon.Data.Paging;

/// <summary>
/// An opaque keyset page token (AIP-158): the last key returned, bound to the request's filter so a token
/// cannot be replayed against a different query.
/// </summary>
public static class PageToken
{
    private const string Version = "1";

    public static string Encode(string filter, string lastKey)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}\n{Fingerprint(filter)}\n{lastKey}"));

    /// <summary>An empty token decodes to no key; a malformed one, or one made for another filter, fails.</summary>
    public static bool TryDecode(string? token, string filter, out string? lastKey)
    {
        lastKey = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\n', 3);
            if (parts.Length != 3 || parts[0] != Version || parts[1] != Fingerprint(filter))
            {
                return false;
            }
            lastKey = parts[2];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryDecode(string? token, string filter, out long? lastId)
    {
        lastId = null;
        if (!TryDecode(token, filter, out string? key))
        {
            return false;
        }
        if (key is null)
        {
            return true;
        }
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            lastId = id;
            return true;
        }
        return false;
    }

    private static string Fingerprint(string filter)
        => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(filter)), 0, 8);
}

/// <summary>One page of a keyset query and the token for the next (empty at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken)
{
    /// <summary>The same page with its items mapped (rows to domain records).</summary>
    public Page<TResult> Select<TResult>(Func<T, TResult> map) => new(Items.Select(map).ToList(), NextPageToken);
}

/// <summary>What a caller asks of a listing (AIP-158): a page size (0: the default) and the token of the page before.</summary>
public readonly record struct PageRequest(int Size, string? Token);
