using CccdRecon.Server.Hosting;

namespace CccdRecon.Server.Errors;

/// <summary>Collects field violations of one request or item; never echoes the value (it may be personal data).</summary>
internal sealed class Validator(LimitsOptions limits, string prefix = "")
{
    private readonly List<Violation> _violations = [];

    public IReadOnlyCollection<Violation> Violations => _violations;

    public bool IsValid => _violations.Count == 0;

    public Validator Required(string field, string? value, int? maxLength = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return this;
        }
        return MaxLength(field, value, maxLength);
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

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw RpcErrors.InvalidArgument(_violations);
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
}
