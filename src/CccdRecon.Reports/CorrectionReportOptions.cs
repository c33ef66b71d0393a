using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Places;

namespace CccdRecon.Reports;

/// <summary>How a list is arranged: where a household lies, and which part of the batch to make.</summary>
public sealed record CorrectionReportOptions
{
    public IHouseholdLocator Locator { get; init; } = AddressLocator.Instance;

    public CorrectionScope Scope { get; init; } = CorrectionScope.All;
}
