using System.Globalization;
using Aduan.Scorecards;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Dasbor;

/// <summary>A ranking table: which units, where their names link, and (on the staff dashboard) its exports.</summary>
public sealed record RankingTable(string Id, string Title, IReadOnlyList<UnitScorecard> Units, Func<string, string> Link, string? CsvLink = null, string? XlsxLink = null);

/// <summary>How scorecard figures read on the dashboard and the public portal alike; "–" wherever there is nothing to measure.</summary>
internal static class Formats
{
    private const int WorkingDay = 480; // minutes: one 08:00-16:00 day

    /// <summary>
    /// Working minutes as people read them, to the minute under an hour, then hours and minutes
    /// ("3 jam 20 menit kerja") under a working day (8 h), then days and hours ("2 hari 3 jam kerja").
    /// </summary>
    public static string Duration(Duration? duration, IStringLocalizer text)
    {
        if (duration is not { } d)
            return "–";
        var minutes = (int)Math.Round(d.Minutes);
        LocalizedString value;
        if (minutes < 60)
        {
            value = text["Dash_Minutes", minutes];
        }
        else if (minutes < WorkingDay)
        {
            var (hours, rest) = (minutes / 60, minutes % 60);
            value = rest == 0 ? text["Dash_Hours", hours] : text["Dash_HoursMinutes", hours, rest];
        }
        else
        {
            var (days, hours) = (minutes / WorkingDay, (int)Math.Round((minutes % WorkingDay) / 60.0));
            if (hours == WorkingDay / 60)
                (days, hours) = (days + 1, 0);
            value = hours == 0 ? text["Dash_Days", days] : text["Dash_DaysHours", days, hours];
        }
        return d.AtLeast ? "≥ " + value.Value : value.Value;
    }

    /// <summary>A share (0-1) as a percentage with at most one decimal.</summary>
    public static string Share(double? share) => share is { } s ? (100 * s).ToString("0.#", CultureInfo.CurrentCulture) + "%" : "–";

    /// <summary>The citizens' mean rating and how many gave one: "4,5 (12)".</summary>
    public static string Rating(ScorecardFigures figures) =>
        figures.RatingMean is { } mean ? $"{mean.ToString("0.0", CultureInfo.CurrentCulture)} ({figures.RatingCount.ToString(CultureInfo.CurrentCulture)})" : "–";

    public static string Score(Ranked ranking) => ranking.Score.ToString("0.0", CultureInfo.CurrentCulture);
}
