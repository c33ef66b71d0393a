using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CccdRecon.Data;

/// <summary>Stores instants as UTC ticks.</summary>
internal sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
