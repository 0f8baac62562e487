using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aduan.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (SQLite only); read back in UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
