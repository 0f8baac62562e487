using System.Globalization;
using Aduan.Reports;

namespace Aduan.Scorecards;

/// <summary>A stretch of whole local days, both ends included.</summary>
public sealed record ScorecardPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period a scorecard covers (ten years).</summary>
    public const int MaxDays = 3660;

    /// <summary>The default: the last 90 days up to today.</summary>
    public const int DefaultDays = 90;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (yyyy-MM-dd; either may be left out: the default period, or
    /// 90 days up to <c>to</c>, or from <c>from</c> to today). A date that is not one, a reversed
    /// period, a period that starts after today (nothing can have happened yet) and one longer
    /// than ten years are refused with the field named.
    /// </summary>
    public static (ScorecardPeriod? Period, List<FieldError> Errors) Parse(string? from, string? to, DateOnly today)
    {
        var errors = new List<FieldError>();
        var start = Date("from", from, errors);
        var end = Date("to", to, errors);
        if (errors.Count > 0)
            return (null, errors);
        var last = end ?? (start is { } s && s.AddDays(DefaultDays - 1) < today ? s.AddDays(DefaultDays - 1) : today);
        var first = start ?? last.AddDays(1 - DefaultDays);
        if (first > today)
            errors.Add(new FieldError("from", "Scorecard_PeriodEmpty", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        else if (first > last)
            errors.Add(new FieldError("to", "Scorecard_PeriodReversed", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        else if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            errors.Add(new FieldError("from", "Scorecard_PeriodTooLong", MaxDays));
        return errors.Count > 0 ? (null, errors) : (new ScorecardPeriod(first, last), errors);
    }

    private static DateOnly? Date(string field, string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(new FieldError(field, "Scorecard_BadDate"));
        return null;
    }

    /// <summary>
    /// How the period is read from the rollups: whole months from the monthly rows, the days
    /// before and after them from the daily rows (a period inside one month is all days).
    /// </summary>
    public (DateOnly MonthsFrom, DateOnly MonthsTo) Months(bool daysOnly = false)
    {
        var afterLast = To.AddDays(1);
        var monthsFrom = From.Day == 1 ? From : ScorecardRollups.FirstOfMonth(From).AddMonths(1);
        var monthsTo = ScorecardRollups.FirstOfMonth(afterLast);
        return daysOnly || monthsFrom >= monthsTo ? (afterLast, afterLast) : (monthsFrom, monthsTo);
    }
}
