using CccdRecon.Data;
using CccdRecon.Data.Access;
using CccdRecon.Data.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Web.Reports;

/// <summary>
/// Whether the signed-in member of staff may read a batch: the console's rule (a reviewer reads the batches of its
/// units, an administrator every batch). Unknown batch: 404; a batch of another unit: 403.
/// </summary>
public static class BatchAccess
{
    public const int MaxIdLength = 64;

    public sealed record Outcome(BatchRow? Batch, IResult? Refusal);

    public static async Task<Outcome> CheckAsync(ReconDbContext db, string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(batchId) || batchId.Length > MaxIdLength)
        {
            return new(null, Results.Text("batch: give the id of a batch (?batch=…)", statusCode: StatusCodes.Status400BadRequest));
        }
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return new(null, Results.Text("no such batch", statusCode: StatusCodes.Status404NotFound));
        }
        return caller.Serves(batch.Unit)
            ? new(batch, null)
            : new(null, Results.Text("this batch belongs to a unit you do not serve", statusCode: StatusCodes.Status403Forbidden));
    }

    /// <summary>A unit asked for (<c>unit=</c>) that the caller does not serve is refused like a batch of another unit.</summary>
    public static IResult? CheckUnit(string? unit, Caller caller)
    {
        if (string.IsNullOrEmpty(unit)) return null;
        if (!Core.Places.UnitCodes.IsValid(unit))
        {
            return Results.Text($"unit must be {Core.Places.UnitCodes.Rule}", statusCode: StatusCodes.Status400BadRequest);
        }
        return caller.SeesAllUnits || caller.Units.Contains(unit, StringComparer.Ordinal)
            ? null
            : Results.Text("you do not serve this unit", statusCode: StatusCodes.Status403Forbidden);
    }
}
