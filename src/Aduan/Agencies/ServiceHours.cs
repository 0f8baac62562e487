using System.Globalization;
using Aduan.Deadlines;

namespace Aduan.Agencies;

/// <summary>Reads an agency's <c>jam_layanan</c> into the <see cref="OfficeHours"/> its deadlines count.</summary>
public static class ServiceHours
{
    public static bool TryParse(string? text, out OfficeHours hours)
    {
        hours = OfficeHours.Government;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var value = text.Trim().ToLowerInvariant();
        if (value is "24jam" or "24 jam" or "24/7")
        {
            hours = OfficeHours.AroundTheClock;
            return true;
        }
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeSpan.TryParseExact(parts[0], @"hh\:mm", CultureInfo.InvariantCulture, out var open)
            || !TimeSpan.TryParseExact(parts[1], @"hh\:mm", CultureInfo.InvariantCulture, out var close)
            || open >= close)
        {
            return false;
        }
        hours = OfficeHours.Government with { Start = open, End = close };
        return true;
    }

    public static OfficeHours Of(Agency? agency) => TryParse(agency?.ServiceHours, out var hours) ? hours : OfficeHours.Government;
}
