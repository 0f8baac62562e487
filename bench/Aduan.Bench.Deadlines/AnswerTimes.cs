using System.Globalization;
using Aduan.Bench.Shared;
using Aduan.Deadlines;

namespace Aduan.Bench.Deadlines;

/// <summary>
/// Replays Surabaya's real filed → first-answer times through the working calendar and asks which
/// reading of "1x24 jam" the city's answers fit: 24 calendar hours, 24 office hours (08:00-16:00,
/// Monday to Friday) or 24 hours of working days (weekends and days off skipped). Prints aggregates
/// only: the rows are residents' words and never leave ../shared.
/// </summary>
internal static class AnswerTimes
{
    private static readonly TimeSpan Target = TimeSpan.FromHours(24);
    private static readonly string[] Readings = ["calendar", "office hours", "working days"];

    private sealed record Answer(int Year, double[] Hours, string? Why, bool AnsweredOutsideOfficeHours, bool AnsweredOnDayOff)
    {
        public bool Met(int reading) => Hours[reading] <= Target.TotalHours;

        public bool Disagree => Met(0) != Met(1) || Met(1) != Met(2);
    }

    public static int Run(string packs)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var daysOff = ReadDaysOff(Path.Combine(packs, "surabaya", "holidays.csv"));
        var calendar = new WorkingCalendar(zone, daysOff);
        var rows = SurabayaComplaints.Read();
        Console.WriteLine($"Calendar: Asia/Jakarta, {daysOff.Count} days off from packs/surabaya/holidays.csv, office hours Mon-Fri 08:00-16:00.");
        // PROVENANCE.md assumes the stored times are WIB; the hour-of-day profile of filing (busiest
        // 02:00-05:00, quietest 18:00-21:00 as stored) fits UTC better, so both are replayed.
        Replay("times as stored, read as WIB (PROVENANCE.md's assumption)", rows, TimeSpan.Zero, calendar, daysOff, zone);
        Replay("times as stored, read as UTC (shifted +7 h to WIB)", rows, TimeSpan.FromHours(7), calendar, daysOff, zone);
        return 0;
    }

    private static void Replay(string title, List<SurabayaComplaint> rows, TimeSpan shift, WorkingCalendar calendar, HashSet<DateOnly> daysOff, TimeZoneInfo zone)
    {
        var (missing, early) = (0, 0);
        var answers = new List<Answer>();
        var filedInOfficeHours = 0;
        foreach (var row in rows)
        {
            if (row.AnsweredAt is not { } stored)
            {
                missing++;
                continue;
            }
            if (stored < row.ReceivedAt)
            {
                early++;
                continue;
            }
            var (filedLocal, answeredLocal) = (row.ReceivedAt + shift, stored + shift);
            var (filed, answered) = (Wib(filedLocal, zone), Wib(answeredLocal, zone));
            double[] hours =
            [
                (answered - filed).TotalHours,
                calendar.Between(filed, answered, TimeBasis.OfficeHours, OfficeHours.Government).TotalHours,
                calendar.Between(filed, answered, TimeBasis.WorkingDays, OfficeHours.Government).TotalHours,
            ];
            filedInOfficeHours += InOfficeHours(filedLocal, daysOff) ? 1 : 0;
            var dayOff = IsDayOff(answeredLocal, daysOff);
            var answer = new Answer(filedLocal.Year, hours, null, !InOfficeHours(answeredLocal, daysOff), dayOff);
            answers.Add(answer.Disagree ? answer with { Why = Explain(filedLocal, answeredLocal, daysOff) } : answer);
        }

        Console.WriteLine();
        Console.WriteLine($"== Surabaya Media Center, {title}");
        Console.WriteLine($"{rows.Count:N0} complaints read, {answers.Count:N0} with both times; skipped {missing:N0} without a first answer and {early:N0} answered before they were filed.");
        Console.WriteLine($"all: filed in office hours {Share(filedInOfficeHours, answers.Count)}.");
        var groups = new (string Name, List<Answer> Items)[]
        {
            ("all", answers),
            ("2022", answers.Where(a => a.Year == 2022).ToList()),
            ("2023", answers.Where(a => a.Year == 2023).ToList()),
        };
        foreach (var (name, items) in groups)
        {
            Console.WriteLine($"{name}: first answers given outside office hours (Mon-Fri 08:00-16:00 on working days) {Share(items.Count(a => a.AnsweredOutsideOfficeHours), items.Count)}, " +
                $"on a weekend or day off {Share(items.Count(a => a.AnsweredOnDayOff), items.Count)} (of {items.Count:N0}).");
        }
        Console.WriteLine();
        PrintReadings(groups);
        PrintDisagreements(groups);
    }

    private static void PrintReadings((string Name, List<Answer> Items)[] groups)
    {
        Console.WriteLine("| Reading of 1x24 | Period | Complaints | Met 1x24 | Median h | p90 h | Met one office day (8 office h) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        for (var r = 0; r < Readings.Length; r++)
        {
            foreach (var (name, items) in groups)
            {
                var sorted = items.Select(a => a.Hours[r]).Order().ToList();
                var met = items.Count(a => a.Met(r));
                var officeDay = r == 1 ? $"{Share(items.Count(a => a.Hours[1] <= 8), items.Count)}" : "";
                Console.WriteLine($"| {Readings[r]} | {name} | {items.Count:N0} | {Share(met, items.Count)} | {Percentile(sorted, 50):0.0} | {Percentile(sorted, 90):0.0} | {officeDay} |");
            }
        }
        Console.WriteLine();
    }

    private static void PrintDisagreements((string Name, List<Answer> Items)[] groups)
    {
        Console.WriteLine("Where the readings disagree (met under one, missed under another):");
        Console.WriteLine();
        Console.WriteLine($"| Met under (calendar / office / working days) | {string.Join(" | ", groups.Select(g => g.Name))} |");
        Console.WriteLine($"|---|{string.Concat(groups.Select(_ => "---:|"))}");
        var patterns = groups[0].Items.Select(Pattern).Distinct().Order(StringComparer.Ordinal);
        foreach (var pattern in patterns)
            Console.WriteLine($"| {pattern} | {string.Join(" | ", groups.Select(g => $"{g.Items.Count(a => Pattern(a) == pattern):N0}"))} |");
        Console.WriteLine();
        Console.WriteLine($"| What explains a disagreement (first that applies) | {string.Join(" | ", groups.Select(g => g.Name))} |");
        Console.WriteLine($"|---|{string.Concat(groups.Select(_ => "---:|"))}");
        foreach (var why in groups[0].Items.Where(a => a.Why is not null).Select(a => a.Why!).Distinct().Order(StringComparer.Ordinal))
            Console.WriteLine($"| {why} | {string.Join(" | ", groups.Select(g => $"{g.Items.Count(a => a.Why == why):N0}"))} |");
        Console.WriteLine($"| **all disagreements** | {string.Join(" | ", groups.Select(g => $"{g.Items.Count(a => a.Disagree):N0} ({Share(g.Items.Count(a => a.Disagree), g.Items.Count)})"))} |");
        Console.WriteLine();
    }

    private static string Pattern(Answer a) => string.Join(" / ", Enumerable.Range(0, Readings.Length).Select(r => a.Met(r) ? "met" : "missed"));

    /// <summary>Why the readings part ways for one complaint (local times): the first cause that applies, in this order.</summary>
    private static string Explain(DateTime filed, DateTime answered, HashSet<DateOnly> daysOff)
    {
        var days = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(filed); day <= DateOnly.FromDateTime(answered); day = day.AddDays(1))
            days.Add(day);
        if (days.Any(d => daysOff.Contains(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            return "1. a weekday holiday or cuti bersama in between";
        if (days.Any(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday))
            return filed.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday
                ? "2. filed Friday to Sunday, a weekend in between"
                : "3. filed Monday to Thursday, a weekend in between";
        if (filed.TimeOfDay < TimeSpan.FromHours(8) || filed.TimeOfDay >= TimeSpan.FromHours(16))
            return "4. filed on a working day outside 08:00-16:00";
        return "5. filed in office hours, answered a later working day (office hours count 8 h a day)";
    }

    private static bool IsDayOff(DateTime local, HashSet<DateOnly> daysOff) =>
        local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || daysOff.Contains(DateOnly.FromDateTime(local));

    private static bool InOfficeHours(DateTime local, HashSet<DateOnly> daysOff) =>
        !IsDayOff(local, daysOff) && local.TimeOfDay >= TimeSpan.FromHours(8) && local.TimeOfDay < TimeSpan.FromHours(16);

    private static HashSet<DateOnly> ReadDaysOff(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length >= 10)
            .Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

    private static DateTimeOffset Wib(DateTime local, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));

    private static string Share(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
