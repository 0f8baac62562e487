using System.Globalization;
using System.Text.RegularExpressions;
using Aduan.Packs;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api.Open311;

internal sealed record DateRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// <c>start_date</c> and <c>end_date</c>: W3C datetimes, at most 90 days apart (the spec's limit).
/// One alone covers the 90 days after (or before) it; neither, the last 90 days.
/// </summary>
internal static partial class Open311Dates
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public static DateRange? Range(HttpRequest request, PackSnapshot pack, DateTimeOffset now, List<string> errors, IStringLocalizer<SharedResource> text)
    {
        var start = Parse(request, "start_date", pack, errors, text);
        var end = Parse(request, "end_date", pack, errors, text);
        if (errors.Count > 0)
            return null;
        var range = (start, end) switch
        {
            ({ } a, { } b) => new DateRange(a, b),
            ({ } a, null) => new DateRange(a, a + MaxSpan),
            (null, { } b) => new DateRange(b - MaxSpan, b),
            _ => new DateRange(now - MaxSpan, now),
        };
        if (range.End < range.Start)
            errors.Add(text["Open311_DateOrder"].Value);
        else if (range.End - range.Start > MaxSpan)
            errors.Add(text["Open311_DateSpan", (int)MaxSpan.TotalDays].Value);
        return errors.Count > 0 ? null : range;
    }

    /// <summary>
    /// With an offset (<c>Z</c> or <c>+07:00</c>) as the spec requires; a date or time without one is
    /// read in the pack's zone rather than refused. A <c>+</c> sent unencoded arrives as a space and is put back.
    /// </summary>
    internal static DateTimeOffset? Parse(HttpRequest request, string name, PackSnapshot pack, List<string> errors, IStringLocalizer<SharedResource> text) =>
        Parse(request.Query[name].ToString(), name, pack, errors, text);

    /// <summary>As above, for a value from a form.</summary>
    internal static DateTimeOffset? Parse(string? given, string name, PackSnapshot pack, List<string> errors, IStringLocalizer<SharedResource> text)
    {
        var value = given?.Trim() ?? "";
        if (value.Length == 0)
            return null;
        value = LostPlus().Replace(value, "$1+$2");
        if (ZoneGiven().IsMatch(value))
        {
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                return instant.ToUniversalTime();
        }
        else if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, pack.TimeZone.GetUtcOffset(local)).ToUniversalTime();
        }
        errors.Add(text["Open311_Date", name, value].Value);
        return null;
    }

    [GeneratedRegex(@"(?:Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneGiven();

    [GeneratedRegex(@"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:\d{2})$")]
    private static partial Regex LostPlus();
}
