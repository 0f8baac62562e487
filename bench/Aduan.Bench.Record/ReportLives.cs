using Aduan.Categories;
using Aduan.Deadlines;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Triage;

namespace Aduan.Bench.Record;

/// <summary>One agency's part of a generated report, as report_assignments stores it.</summary>
internal sealed record GeneratedPart(
    string Agency, string Role, string Status, DateTimeOffset DispatchedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? FinishedAt,
    string? Reason, bool ResponseLate, bool ResolutionLate)
{
    /// <summary>Working minutes to acceptance and to resolution, as the deadline clock stores them when they happen.</summary>
    public int? ResponseMinutes { get; init; }
    public int? ResolutionMinutes { get; init; }

    /// <summary>A resolution needs the agency's photo at the place (issue 5), so every finished lead part is evidenced.</summary>
    public bool Evidenced => Role == "Lead" && Status == "Done" && FinishedAt is not null;

    /// <summary>When the citizen said this part's resolution was not done.</summary>
    public DateTimeOffset? ReopenedAt { get; init; }
}

/// <summary>A generated report at the moment of the benchmark, with its whole past.</summary>
internal sealed record GeneratedReport(
    Guid Id, string Code, string Category, string Kelurahan, double Latitude, double Longitude, Channel Channel, ReportVisibility Visibility,
    ReportStatus Status, string Description, DateTimeOffset ReceivedAt, DateTimeOffset LastChangedAt, string? Agency,
    DateTimeOffset? ClockStartedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? ResolutionDueAt, DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, bool ResponseLate, bool ResolutionLate, int ClockRound, int? Rating,
    bool ConfirmedByCitizen, IReadOnlyList<GeneratedPart> Parts)
{
    public long Cell => GeoCell.For(Latitude, Longitude);
}

/// <summary>
/// Draws report lives from the real spreads (see <see cref="RealSpreads"/>) plus the assumptions of
/// <see cref="Assumptions"/> for what no open data records (hand-backs, reopens, citizens'
/// confirmations and ratings, anonymous and confidential reports). Deadlines come from the pack's
/// categories over its working calendar, as <see cref="DeadlineClock"/> sets them; a target is
/// late when the real-shaped answer or closing time passes it. Deterministic for a seed.
/// </summary>
internal sealed class ReportLives
{
    /// <summary>What no open data records; chosen to be plausible, written in bench/README.md.</summary>
    public static class Assumptions
    {
        public const double HandBack = 0.06;
        public const double Reopen = 0.04;
        public const double Confirmed = 0.40;
        public const double Anonymous = 0.10;
        public const double Confidential = 0.01;

        /// <summary>Ratings 1..5 of citizens who confirm.</summary>
        public static readonly double[] Ratings = [0.07, 0.06, 0.12, 0.30, 0.45];

        public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromDays(3);
    }

    private readonly RealSpreads _spreads;
    private readonly IReadOnlyDictionary<string, Category> _categories;
    private readonly IReadOnlyDictionary<string, (double Lat, double Lon)[]> _points;
    private readonly IReadOnlyDictionary<string, string> _villageNames;
    private readonly WorkingCalendar _calendar;
    private readonly string[] _agencies;
    private readonly double[] _hourCumulative;
    private readonly double[] _channelCumulative;
    private readonly double _weekdayMax;
    private readonly DateTimeOffset _first;
    private readonly int _days;
    private readonly DateTimeOffset _now;
    private readonly Random _random;

    public ReportLives(RealSpreads spreads, IReadOnlyDictionary<string, Category> categories, IReadOnlyDictionary<string, (double, double)[]> points,
        IReadOnlyDictionary<string, string> villageNames, WorkingCalendar calendar, DateTimeOffset now, int days, int seed)
    {
        _spreads = spreads;
        _categories = categories;
        _points = points;
        _villageNames = villageNames;
        _calendar = calendar;
        _now = now;
        _days = days;
        _first = now.AddDays(-days);
        _random = new Random(seed);
        _agencies = [.. spreads.Placements.Select(p => p.Agency).Distinct().Order(StringComparer.Ordinal)];
        _hourCumulative = Cumulative(spreads.HourWeights);
        _channelCumulative = Cumulative([.. spreads.Channels.Select(c => c.Share)]);
        _weekdayMax = spreads.WeekdayWeights.Max();
    }

    public GeneratedReport Next(long index)
    {
        var placement = _spreads.Placements[_random.Next(_spreads.Placements.Count)];
        var category = _categories[placement.Category];
        var received = ReceivedAt();
        var points = _points[placement.Kelurahan];
        var (lat, lon) = points[_random.Next(points.Length)];
        var channel = _spreads.Channels[Pick(_channelCumulative)].Channel;
        var roll = _random.NextDouble();
        var visibility = roll < Assumptions.Confidential ? ReportVisibility.Confidential
            : roll < Assumptions.Confidential + Assumptions.Anonymous ? ReportVisibility.Anonymous : ReportVisibility.Public;
        var description = $"Laporan {category.Name.ToLowerInvariant()} di Kelurahan {_villageNames.GetValueOrDefault(placement.Kelurahan, placement.Kelurahan)} (data bangkitan benchmark).";
        var id = Guid.CreateVersion7(received);
        var code = Code(index);
        var triaged = received + TimeSpan.FromMinutes(5 + Exponential(40));

        GeneratedReport Base(ReportStatus status, DateTimeOffset changed) => new(
            id, code, category.Code, placement.Kelurahan, lat, lon, channel, visibility, status, description, received, changed,
            null, null, null, null, null, null, null, false, false, 0, null, false, []);

        if (triaged > _now)
            return Base(ReportStatus.Received, received);
        if (_random.NextDouble() < _spreads.RejectedShare)
            return Base(ReportStatus.Rejected, triaged);

        var parts = new List<GeneratedPart>();
        var dispatched = triaged;
        if (_random.NextDouble() < Assumptions.HandBack)
        {
            var wrong = _agencies[_random.Next(_agencies.Length)];
            if (wrong != placement.Agency)
            {
                var back = dispatched + TimeSpan.FromHours(1 + Exponential(20));
                if (back > _now)
                    return Base(ReportStatus.Dispatched, dispatched) with { Agency = wrong, Parts = [Lead(wrong, dispatched, null, null, false, false)] };
                parts.Add(new GeneratedPart(wrong, "Lead", "HandedBack", dispatched, null, back, "Bukan kewenangan instansi kami.", false, false));
                dispatched = back + TimeSpan.FromMinutes(10 + Exponential(60));
                if (dispatched > _now)
                    return Base(ReportStatus.Verified, back) with { Parts = parts };
            }
        }

        var round = Round(category, placement.Agency, dispatched);
        parts.Add(round.Part);
        var report = Base(round.Status, round.Changed) with
        {
            Agency = placement.Agency,
            ClockStartedAt = dispatched,
            ResponseDueAt = round.ResponseDue,
            ResolutionDueAt = round.ResolutionDue,
            RespondedAt = round.Responded,
            ResolvedAt = round.Resolved,
            ResponseLate = round.Part.ResponseLate,
            ResolutionLate = round.Part.ResolutionLate,
            Parts = parts,
        };
        if (round.Resolved is not { } resolved)
            return report;

        // The citizen's answer within the confirmation window: reopen, confirm with a rating, or silence (auto-close).
        var answer = resolved + TimeSpan.FromHours(_random.NextDouble() * Assumptions.ConfirmationWindow.TotalHours);
        var reply = _random.NextDouble();
        if (reply < Assumptions.Reopen)
        {
            if (answer > _now)
                return report;
            parts[^1] = parts[^1] with { ReopenedAt = answer };
            var again = Round(category, placement.Agency, answer);
            parts.Add(again.Part);
            report = report with
            {
                Status = again.Status == ReportStatus.Dispatched ? ReportStatus.Reopened : again.Status,
                LastChangedAt = again.Changed,
                ClockRound = 1,
                ClockStartedAt = answer,
                ResponseDueAt = again.ResponseDue,
                ResolutionDueAt = again.ResolutionDue,
                RespondedAt = again.Responded,
                ResolvedAt = again.Resolved,
                ResponseLate = again.Part.ResponseLate,
                ResolutionLate = again.Part.ResolutionLate,
            };
            if (again.Resolved is not { } second)
                return report;
            resolved = second;
            answer = resolved + TimeSpan.FromHours(_random.NextDouble() * Assumptions.ConfirmationWindow.TotalHours);
            reply = Assumptions.Reopen + (_random.NextDouble() * (1 - Assumptions.Reopen));
        }
        if (reply < Assumptions.Reopen + Assumptions.Confirmed)
        {
            return answer > _now ? report : report with
            {
                Status = ReportStatus.Closed,
                ClosedAt = answer,
                LastChangedAt = answer,
                ConfirmedByCitizen = true,
                Rating = 1 + Pick(Cumulative(Assumptions.Ratings)),
            };
        }
        var autoClose = resolved + Assumptions.ConfirmationWindow;
        return autoClose > _now ? report : report with { Status = ReportStatus.Closed, ClosedAt = autoClose, LastChangedAt = autoClose };
    }

    private sealed record RoundResult(GeneratedPart Part, ReportStatus Status, DateTimeOffset Changed, DateTimeOffset ResponseDue, DateTimeOffset ResolutionDue,
        DateTimeOffset? Responded, DateTimeOffset? Resolved);

    /// <summary>One round of the lead agency's work from dispatch: the first answer (Surabaya's times) and the closing (Surabaya's buckets, LA's shape within them).</summary>
    private RoundResult Round(Category category, string agency, DateTimeOffset dispatched)
    {
        var responseDue = _calendar.Add(dispatched, TimeSpan.FromHours(category.ResponseHours), category.TimeBasis, OfficeHours.Government);
        var resolutionDue = _calendar.Add(dispatched, TimeSpan.FromHours(category.ResolutionHours), category.TimeBasis, OfficeHours.Government);
        var bucket = Pick(Cumulative(_spreads.BucketShares));
        var days = _spreads.ClosingDaysByBucket[bucket];
        var resolved = dispatched + TimeSpan.FromDays(days.Length > 0 ? days[_random.Next(days.Length)] : 1 + (bucket * 4));
        var answered = _random.NextDouble() < _spreads.NeverAnsweredShare
            ? resolved
            : dispatched + TimeSpan.FromHours(_spreads.FirstAnswerHours[_random.Next(_spreads.FirstAnswerHours.Length)]);
        if (answered > resolved)
            resolved = answered + TimeSpan.FromHours(1 + Exponential(12));
        if (answered > _now)
            return new RoundResult(Lead(agency, dispatched, null, null, _now > responseDue, _now > resolutionDue), ReportStatus.Dispatched, dispatched, responseDue, resolutionDue, null, null);
        var responseLate = answered > responseDue;
        if (resolved > _now)
            return new RoundResult(Lead(agency, dispatched, answered, null, responseLate, _now > resolutionDue), ReportStatus.InProgress, answered, responseDue, resolutionDue, answered, null);
        return new RoundResult(Lead(agency, dispatched, answered, resolved, responseLate, resolved > resolutionDue), ReportStatus.Resolved, resolved, responseDue, resolutionDue, answered, resolved);
    }

    private GeneratedPart Lead(string agency, DateTimeOffset dispatched, DateTimeOffset? accepted, DateTimeOffset? finished, bool responseLate, bool resolutionLate) =>
        new(agency, "Lead", finished is not null ? "Done" : accepted is not null ? "Accepted" : "Dispatched", dispatched, accepted, finished, null, responseLate, resolutionLate)
        {
            ResponseMinutes = accepted is { } a ? WorkingMinutes.Between(dispatched, a, _calendar, OfficeHours.Government) : null,
            ResolutionMinutes = finished is { } f ? WorkingMinutes.Between(dispatched, f, _calendar, OfficeHours.Government) : null,
        };

    /// <summary>A day of the period weighted by Surabaya's weekday spread, an hour by LA's hour-of-day spread, in the pack's zone.</summary>
    private DateTimeOffset ReceivedAt()
    {
        while (true)
        {
            var day = _first.Date.AddDays(_random.Next(_days));
            if (_random.NextDouble() * _weekdayMax > _spreads.WeekdayWeights[(int)day.DayOfWeek])
                continue;
            var local = day.AddHours(Pick(_hourCumulative)).AddSeconds(_random.Next(3600));
            var at = new DateTimeOffset(local, _calendar.Zone.GetUtcOffset(local));
            if (at <= _now)
                return at.ToUniversalTime();
        }
    }

    /// <summary>Unique ten-character codes from the tracking-code alphabet: the index times an odd multiplier, modulo 31^10, in base 31 (no collisions, unlike random codes at 10 million).</summary>
    public static string Code(long index)
    {
        const long space = 819_628_286_980_801; // 31^10
        var value = (long)((UInt128)(ulong)(index + 1) * 387_420_489 % space);
        Span<char> chars = stackalloc char[TrackingCode.Length];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = TrackingCode.Alphabet[(int)(value % 31)];
            value /= 31;
        }
        return new string(chars);
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private int Pick(double[] cumulative)
    {
        var x = _random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static double[] Cumulative(double[] weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
            result[i] = sum += weights[i];
        return result;
    }
}
