using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.People;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Aduan.Demo;

/// <summary>
/// Fills a database with invented but realistic reports (no real resident's words): spread over
/// the pack's kelurahan, categories, the last ten weeks and every status, each with a timeline
/// made by the same domain methods staff will use.
/// </summary>
public sealed class GenerateDemoReports(AduanDbContext db, Deadlines.DeadlineClock deadlines, TimeProvider clock)
{
    private static readonly (ReportStatus Status, int Weight)[] StatusMix =
    [
        (ReportStatus.Received, 10), (ReportStatus.Verified, 6), (ReportStatus.Rejected, 5), (ReportStatus.Merged, 3),
        (ReportStatus.Dispatched, 14), (ReportStatus.InProgress, 18), (ReportStatus.WaitingForCitizen, 3),
        (ReportStatus.ForwardedToOutsideBody, 2), (ReportStatus.Resolved, 12), (ReportStatus.Closed, 25), (ReportStatus.Reopened, 2),
    ];

    public async Task<int> RunAsync(int count, CancellationToken ct)
    {
        var random = new Random(20261123);
        var categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(ct);
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Select(a => a.Code).ToHashSetAsync(ct);
        var byCode = areas.ToDictionary(a => a.Code);
        var villages = areas.Where(a => a.Level == AreaLevel.Village && a.BoundaryGeoJson is not null).ToList();
        if (categories.Count == 0 || villages.Count == 0)
            return 0;
        var popular = categories.Where(c => c.Code is "parkir-liar" or "sampah-liar").ToList();
        var now = clock.GetUtcNow();
        var reports = new List<Report>();
        var coordinations = new List<Coordination>();
        for (var i = 0; i < count; i++)
        {
            var category = popular.Count > 0 && random.NextDouble() < 0.35 ? popular[random.Next(popular.Count)] : categories[random.Next(categories.Count)];
            var village = villages[random.Next(villages.Count)];
            var (lat, lon) = PointInside(village, random);
            var receivedAt = now.AddMinutes(-random.Next(30, 70 * 24 * 60));
            var citizen = random.NextDouble() < 0.8 ? NewCitizen(random, receivedAt) : null;
            if (citizen is not null)
                db.Citizens.Add(citizen);
            var visibility = random.Next(10) switch { 0 => ReportVisibility.Confidential, 1 or 2 => ReportVisibility.Anonymous, _ => ReportVisibility.Public };
            var channel = DemoText.Channels[random.Next(DemoText.Channels.Length)];
            var report = Report.Submit(new NewReport(TrackingCode.New(), category.Code, DemoText.Describe(category, village.Name, random),
                lat, lon, DemoText.Street(random) + ", " + village.Name, village.Code, channel, visibility, citizen?.Id, null, "pelapor", []), receivedAt);
            var lineage = Lineage(village, byCode);
            var agency = Routing.FindAgency(rules, category.Code, lineage);
            if (agency is null || !agencies.Contains(agency))
                agency = agencies.Contains("kel-" + village.Code) ? "kel-" + village.Code : null;
            Advance(report, Pick(random), agency, reports, coordinations, receivedAt, now, random);
            await deadlines.UpdateAsync(report, report.LastChangedAt, ct); // due times as the real steps would have set them
            reports.Add(report);
        }
        db.Reports.AddRange(reports);
        db.Coordinations.AddRange(coordinations);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return reports.Count;
    }

    private static void Advance(Report report, ReportStatus target, string? agency, List<Report> earlier, List<Coordination> coordinations, DateTimeOffset at, DateTimeOffset now, Random random)
    {
        DateTimeOffset Next() => at = Min(at.AddMinutes(random.Next(20, 60 * 30)), now);
        if (target == ReportStatus.Received)
            return;
        if (target == ReportStatus.Merged && earlier.LastOrDefault(r => r.IsOpen) is { } original)
        {
            report.MergeInto(original, Next(), "operator");
            return;
        }
        if (target == ReportStatus.Rejected || target == ReportStatus.Merged)
        {
            report.Reject(Next(), "operator", DemoText.RejectReason(random));
            return;
        }
        report.Verify(Next(), "operator");
        if (target == ReportStatus.Verified || agency is null)
            return;
        report.Dispatch(agency, [], Next(), "operator", $"didisposisikan ke {agency}");
        if (target == ReportStatus.Dispatched)
            return;
        report.Accept(agency, Next(), "petugas");
        report.Comment(Next(), "petugas", DemoText.Progress(random), isPublic: true);
        switch (target)
        {
            case ReportStatus.WaitingForCitizen:
                report.AskCitizen(Next(), "petugas", "Mohon kirimkan patokan lokasi yang lebih jelas.", DemoText.UnusableTokenHash);
                return;
            case ReportStatus.ForwardedToOutsideBody:
                var sentAt = Next();
                report.ForwardToOutsideBody("pln", sentAt, "petugas", "diteruskan ke PLN untuk ditangani");
                coordinations.Add(new Coordination { ReportId = report.Id, BodyCode = "pln", ForwardedByAgency = agency, SentBy = "petugas", SentAt = sentAt, NextReminderAt = sentAt.AddDays(2) });
                return;
            case ReportStatus.InProgress:
                return;
        }
        report.Resolve(Next(), "petugas", DemoText.Resolution(random), DemoText.UnusableTokenHash);
        if (target == ReportStatus.Reopened)
            report.Reopen(Next(), "pelapor", "Masih belum beres, kondisinya sama seperti sebelumnya.");
        else if (target == ReportStatus.Closed)
            report.ConfirmResolved(Next(), "pelapor", random.Next(3, 6), null);
    }

    private static ReportStatus Pick(Random random)
    {
        var roll = random.Next(StatusMix.Sum(s => s.Weight));
        foreach (var (status, weight) in StatusMix)
        {
            if ((roll -= weight) < 0)
                return status;
        }
        return ReportStatus.Received;
    }

    private static (double Lat, double Lon) PointInside(Area village, Random random)
    {
        var boundary = GeoJson.ReadGeometry(village.BoundaryGeoJson!);
        var envelope = boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var x = envelope.MinX + random.NextDouble() * envelope.Width;
            var y = envelope.MinY + random.NextDouble() * envelope.Height;
            if (boundary.Contains(new Point(x, y)))
                return (Math.Round(y, 6), Math.Round(x, 6));
        }
        var inside = boundary.InteriorPoint;
        return (Math.Round(inside.Y, 6), Math.Round(inside.X, 6));
    }

    private static List<Area> Lineage(Area area, Dictionary<string, Area> byCode)
    {
        var lineage = new List<Area> { area };
        while (lineage[^1].ParentCode is { } parent && byCode.TryGetValue(parent, out var next))
            lineage.Add(next);
        return lineage;
    }

    private static Citizen NewCitizen(Random random, DateTimeOffset at) => new()
    {
        Name = DemoText.Name(random),
        Phone = "08" + random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..10],
        CreatedAt = at,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
