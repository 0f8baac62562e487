using System.Globalization;
using Aduan.Bench.Shared;
using Aduan.Reports;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aduan.Bench.Record;

/// <summary>
/// The spreads the generator draws from, all measured on the real data in ../shared/data at run
/// time (only aggregates are printed; no row leaves ../shared):
/// <list type="bullet">
/// <item>Surabaya's Media Center: the joint spread of (category, kelurahan, agency) of each complaint
/// (through the surabaya pack's topic and agency maps), the day of the week it was filed, the time
/// to the first answer, and the city's own bucket of handling time (1-3 days, 4-7 days, more).</item>
/// <item>Los Angeles MyLA311: the hour of the day requests arrive, the channel mix, the share
/// cancelled, and the shape of closing times within each of Surabaya's buckets.</item>
/// </list>
/// </summary>
internal sealed class RealSpreads
{
    /// <summary>One real complaint's category, kelurahan and agency, as the pack names them.</summary>
    public sealed record Placement(string Category, string Kelurahan, string Agency);

    public required IReadOnlyList<Placement> Placements { get; init; }

    /// <summary>Filed → first answer, in hours (Surabaya, rows with both times and in order).</summary>
    public required double[] FirstAnswerHours { get; init; }

    /// <summary>Share of complaints without any first answer before closing (Surabaya).</summary>
    public required double NeverAnsweredShare { get; init; }

    /// <summary>Surabaya's handling-time buckets: shares of "1 Sampai 3 Hari", "4 Sampai 7 Hari", "Lebih 7 Hari".</summary>
    public required double[] BucketShares { get; init; }

    /// <summary>LA closing times in days, split by Surabaya's buckets (≤ 3, 3-7, &gt; 7).</summary>
    public required double[][] ClosingDaysByBucket { get; init; }

    /// <summary>Relative weight of each weekday (Sunday first), Surabaya.</summary>
    public required double[] WeekdayWeights { get; init; }

    /// <summary>Relative weight of each hour of the local day, LA.</summary>
    public required double[] HourWeights { get; init; }

    /// <summary>Channel mix, LA's request sources mapped onto Aduan's channels.</summary>
    public required IReadOnlyList<(Channel Channel, double Share)> Channels { get; init; }

    /// <summary>Share of requests cancelled in LA: here, rejected by the operator.</summary>
    public required double RejectedShare { get; init; }

    /// <summary>Requests per day in LA's sample (3 days of January 2020).</summary>
    public required double LaPerDay { get; init; }

    public static RealSpreads Read(string packs)
    {
        var data = SurabayaComplaints.DataFolder();
        var topics = ReadMap(Path.Combine(packs, "surabaya", "topik-mediacenter.csv"), "topik_id");
        var agencies = ReadMap(Path.Combine(packs, "surabaya", "instansi-mediacenter.csv"), "instansi_id");
        var complaints = SurabayaComplaints.Read();
        var placements = new List<Placement>();
        var firstAnswers = new List<double>();
        var never = 0;
        var weekdays = new double[7];
        foreach (var c in complaints)
        {
            if (topics.TryGetValue(c.TopicId, out var category) && agencies.TryGetValue(c.AgencyId, out var agency) && c.KelurahanCode.Length > 0)
                placements.Add(new Placement(category, c.KelurahanCode, agency));
            // bench/Aduan.Bench.Deadlines found the stored times fit UTC better than WIB: shift to WIB for the weekday.
            weekdays[(int)c.ReceivedAt.AddHours(7).DayOfWeek]++;
            if (c.AnsweredAt is { } answered && answered >= c.ReceivedAt)
                firstAnswers.Add((answered - c.ReceivedAt).TotalHours);
            else if (c.AnsweredAt is null)
                never++;
        }
        var buckets = ReadBuckets(Path.Combine(data, "surabaya-mediacenter", "complaints.csv"));
        var la = ReadLa(Path.Combine(data, "la-311-sample", "myla311-2020-01-01_03.csv"));
        return new RealSpreads
        {
            Placements = placements,
            FirstAnswerHours = [.. firstAnswers.Order()],
            NeverAnsweredShare = (double)never / complaints.Count,
            BucketShares = Normalise(buckets),
            ClosingDaysByBucket = la.ClosingDays,
            WeekdayWeights = Normalise(weekdays),
            HourWeights = Normalise(la.Hours),
            Channels = la.Channels,
            RejectedShare = la.Cancelled,
            LaPerDay = la.PerDay,
        };
    }

    public void Print()
    {
        Console.WriteLine($"Spreads: {Placements.Count:N0} Surabaya complaints with a mapped category, kelurahan and agency " +
            $"({Placements.Select(p => p.Category).Distinct().Count()} categories, {Placements.Select(p => p.Kelurahan).Distinct().Count()} kelurahan, " +
            $"{Placements.Select(p => p.Agency).Distinct().Count()} agencies); first answer p50 {Quantile(FirstAnswerHours, 0.5):0.0} h, p90 {Quantile(FirstAnswerHours, 0.9):0.0} h, " +
            $"never answered {NeverAnsweredShare:P1}; handling buckets 1-3 / 4-7 / >7 days {string.Join(" / ", BucketShares.Select(s => s.ToString("P1", CultureInfo.InvariantCulture)))}.");
        Console.WriteLine($"         LA 311: {LaPerDay:N0} requests a day, cancelled {RejectedShare:P1}, channels " +
            string.Join(", ", Channels.Select(c => $"{c.Channel} {c.Share:P1}")) + $"; closing days p50 within buckets " +
            string.Join(" / ", ClosingDaysByBucket.Select(b => Quantile(b, 0.5).ToString("0.0", CultureInfo.InvariantCulture))) + ".");
    }

    public static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];

    private static Dictionary<long, string> ReadMap(string path, string idColumn)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var map = new Dictionary<long, string>();
        foreach (var row in csv.GetRecords<dynamic>())
        {
            var fields = (IDictionary<string, object>)row;
            if (long.TryParse((string)fields[idColumn], CultureInfo.InvariantCulture, out var id) && fields["kode"] is string { Length: > 0 } code)
                map[id] = code;
        }
        return map;
    }

    private static double[] ReadBuckets(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var counts = new double[3];
        while (csv.Read())
        {
            switch (csv.GetField("kelompok_hari_respon"))
            {
                case "1 Sampai 3 Hari": counts[0]++; break;
                case "4 Sampai 7 Hari": counts[1]++; break;
                case "Lebih 7 Hari": counts[2]++; break;
            }
        }
        return counts;
    }

    private sealed record La(double[][] ClosingDays, double[] Hours, IReadOnlyList<(Channel, double)> Channels, double Cancelled, double PerDay);

    private static La ReadLa(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var closing = new List<double>[] { [], [], [] };
        var hours = new double[24];
        var channels = new Dictionary<Channel, double>();
        var (rows, cancelled) = (0, 0);
        var days = new HashSet<DateOnly>();
        string[] formats = ["M/d/yy H:mm", "M/d/yyyy h:mm:ss tt"];
        while (csv.Read())
        {
            if (!DateTime.TryParseExact(csv.GetField("createddate"), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var created))
                continue;
            rows++;
            days.Add(DateOnly.FromDateTime(created));
            hours[created.Hour]++;
            if (csv.GetField("status") == "Cancelled")
                cancelled++;
            var channel = Map(csv.GetField("requestsource"));
            channels[channel] = channels.GetValueOrDefault(channel) + 1;
            if (DateTime.TryParseExact(csv.GetField("closeddate"), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var closed) && closed >= created)
            {
                var d = (closed - created).TotalDays;
                closing[d <= 3 ? 0 : d <= 7 ? 1 : 2].Add(d);
            }
        }
        return new La(
            [.. closing.Select(c => c.Order().ToArray())],
            hours,
            [.. channels.OrderByDescending(c => c.Value).Select(c => (c.Key, c.Value / rows))],
            (double)cancelled / rows,
            (double)rows / days.Count);
    }

    /// <summary>LA's request sources onto Aduan's channels: a call is the call centre, the mobile app the app, self service the web form, a crew's own report a walk-in entry by staff.</summary>
    private static Channel Map(string? source) => source switch
    {
        "Call" => Channel.CallCentre,
        "Mobile App" => Channel.App,
        "Self Service" => Channel.Web,
        "Email" => Channel.Email,
        _ => Channel.WalkIn,
    };

    private static double[] Normalise(double[] weights)
    {
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }
}
