using System.Globalization;
using Aduan.Scorecards;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Dasbor;

/// <summary>A ranking table on the dashboard: which units, and where their names and the exports link.</summary>
public sealed record RankingTable(string Id, string Title, IReadOnlyList<UnitScorecard> Units, Func<string, string> Link, string CsvLink, string XlsxLink);

internal static class Formats
{
    /// <summary>Working minutes as people read them: minutes under an hour, working hours under a working day (8 h), else working days.</summary>
    public static string Duration(Duration? duration, IStringLocalizer text)
    {
        if (duration is not { } d)
            return "–";
        var culture = CultureInfo.CurrentCulture;
        var value = d.Minutes < 60 ? text["Dash_Minutes", Math.Round(d.Minutes).ToString("0", culture)]
            : d.Minutes < 480 ? text["Dash_Hours", (d.Minutes / 60).ToString("0.#", culture)]
            : text["Dash_Days", (d.Minutes / 480).ToString("0.#", culture)];
        return d.AtLeast ? "≥ " + value.Value : value.Value;
    }
}
