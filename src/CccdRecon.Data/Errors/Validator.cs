using CccdRecon.Data.Paging;

namespace CccdRecon.Data.Errors;

/// <summary>Collects field violations of one request or item; never echoes the value (it may be personal data).</summary>
public sealed class Validator(StoreLimits limits, string prefix = "")
{
    private readonly List<Violation> _violations = [];

    public IReadOnlyList<Violation> Violations => _violations;

    public bool IsValid => _violations.Count == 0;

    public Validator Required(string field, string? value, int? maxLength = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return this;
        }
        // Ids are stored and audited: PostgreSQL text cannot hold NUL.
        return MaxLength(field, value, maxLength).Storable(field, value);
    }

    /// <summary>Text that is stored must not contain NUL, which PostgreSQL text cannot hold (and no form has).</summary>
    public Validator Storable(string field, string? value)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, "must not contain the NUL character");
        }
        return this;
    }

    public Validator MaxLength(string field, string? value, int? maxLength = null)
    {
        var max = maxLength ?? limits.MaxFieldLength;
        if (value is not null && value.Length > max)
        {
            Add(field, $"must be at most {max} characters");
        }
        return this;
    }

    public Validator Add(string field, string description)
    {
        _violations.Add(new Violation(prefix + field, description));
        return this;
    }

    /// <exception cref="InvalidInputException">Any violation was found.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new InvalidInputException(_violations);
        }
    }

    /// <summary>AIP-158: negative is invalid, zero means the default, above the maximum is lowered to it.</summary>
    public int PageSize(int requested, string field = "page_size")
    {
        if (requested < 0)
        {
            Add(field, "must not be negative");
            return 0;
        }
        return requested == 0 ? limits.DefaultPageSize : Math.Min(requested, limits.MaxPageSize);
    }

    /// <summary>
    /// AIP-158 paging of a listing ordered by a numeric id: the page size, and the last id of the page before. A token made
    /// for another listing (its <paramref name="filter"/> differs) is a violation.
    /// </summary>
    public int Page(PageRequest request, string filter, out long? after)
    {
        var size = PageSize(request.Size);
        if (!PageToken.TryDecode(request.Token, filter, out after))
        {
            Add("page_token", TokenMismatch);
        }
        return size;
    }

    /// <summary>The same for a listing ordered by a string key.</summary>
    public int Page(PageRequest request, string filter, out string? after)
    {
        var size = PageSize(request.Size);
        if (!PageToken.TryDecode(request.Token, filter, out after))
        {
            Add("page_token", TokenMismatch);
        }
        return size;
    }

    private const string TokenMismatch = "is not a token from this listing";
}
