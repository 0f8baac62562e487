using System.Linq.Expressions;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Triage;

/// <summary>An open report read by the duplicate search: only what the comparison needs.</summary>
public sealed record NearbyReport(Guid Id, string Code, string? CategoryCode, double? Latitude, double? Longitude, string Description, DateTimeOffset ReceivedAt);

/// <summary>The candidates found, with how many rows the database returned to find them.</summary>
public sealed record DuplicateSearch(IReadOnlyList<DuplicateCandidate> Candidates, int RowsRead);

/// <summary>
/// Finds open reports that may be about the same problem as a new one. With coordinates: reports
/// in the <see cref="GeoCell"/>s around the point received in the window (one index range per
/// cell on (LocationCell, ReceivedAt)), then the exact distance and the text similarity in
/// memory. Without coordinates: reports of the same category in the same kelurahan.
/// <list type="bullet">
/// <item>Open means not Rejected, Merged, Closed or Resolved (a resolved problem that is back is
/// a reopening, not a duplicate).</item>
/// <item>Same category group (<see cref="Category.Group"/>); the radius is the larger of the two
/// categories', the window the new report's category's, counted back from its receipt.</item>
/// <item>A report (or candidate) without a category is compared with every group but needs
/// <see cref="UncategorisedSimilarity"/> instead of <see cref="SameGroupSimilarity"/>.</item>
/// <item>Without coordinates: same kelurahan and same category only, similarity at least
/// <see cref="WithoutCoordinatesSimilarity"/>, and the distance is unknown (null).</item>
/// </list>
/// Candidates are ranked by similarity × (1 − ½ × distance / radius), at most <see cref="MaxCandidates"/>.
/// </summary>
public sealed class DuplicateFinder(AduanDbContext db, CategoryDirectory categories) : IDuplicateFinder
{
    public const int MaxCandidates = 5;

    /// <summary>Two short texts about the same pothole typically score 0.25-0.6; unrelated ones in the same group under 0.15.</summary>
    public const double SameGroupSimilarity = 0.20;
    public const double UncategorisedSimilarity = 0.35;
    public const double WithoutCoordinatesSimilarity = 0.35;

    /// <summary>The distance given when one of the two reports has no coordinates.</summary>

    private static readonly Expression<Func<Report, bool>> StillOpen = r =>
        r.Status != ReportStatus.Rejected && r.Status != ReportStatus.Merged && r.Status != ReportStatus.Closed && r.Status != ReportStatus.Resolved;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(Report report, CancellationToken ct) =>
        (await SearchAsync(report, ct)).Candidates;

    public async Task<DuplicateSearch> SearchAsync(Report report, CancellationToken ct)
    {
        var all = (await categories.AllAsync(ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var own = report.CategoryCode is { } code ? all.GetValueOrDefault(code) : null;
        if (report.Latitude is { } latitude && report.Longitude is { } longitude)
            return await NearPointAsync(report, latitude, longitude, own, all, ct);
        if (report.AreaCode is not null && own is not null)
            return await InAreaAsync(report, own, ct);
        return new DuplicateSearch([], 0);
    }

    /// <summary>
    /// Open reports in the cells covering the circle, received between <paramref name="since"/> and
    /// <paramref name="until"/>: <c>LocationCell IN (...) AND ReceivedAt BETWEEN ...</c>, which the
    /// (LocationCell, ReceivedAt) index answers with one range per cell. Public so the benchmark
    /// can EXPLAIN the very query the finder runs.
    /// </summary>
    public IQueryable<NearbyReport> Nearby(double latitude, double longitude, double radiusMeters, DateTimeOffset since, DateTimeOffset until, Guid excluded)
    {
        var cells = GeoCell.Around(latitude, longitude, radiusMeters).ToList();
        return db.Reports.AsNoTracking()
            .Where(r => r.LocationCell != null && cells.Contains(r.LocationCell.Value) && r.ReceivedAt >= since && r.ReceivedAt <= until && r.Id != excluded)
            .Where(StillOpen)
            .Select(r => new NearbyReport(r.Id, r.Code, r.CategoryCode, r.Latitude, r.Longitude, r.Description, r.ReceivedAt));
    }

    private async Task<DuplicateSearch> NearPointAsync(Report report, double latitude, double longitude, Category? own, Dictionary<string, Category> all, CancellationToken ct)
    {
        var peers = own is null ? all.Values : all.Values.Where(c => c.Group == own.Group);
        var searchRadius = peers.Select(c => c.DuplicateRadiusMeters).Append(own?.DuplicateRadiusMeters ?? 0).Max();
        var windowHours = own?.DuplicateWindowHours ?? all.Values.Select(c => c.DuplicateWindowHours).DefaultIfEmpty(DefaultWindowHours).Max();
        var rows = await Nearby(latitude, longitude, searchRadius, report.ReceivedAt.AddHours(-windowHours), report.ReceivedAt, report.Id).ToListAsync(ct);

        var profile = TextSimilarity.Of(report.Description);
        var found = new List<(DuplicateCandidate Candidate, double Score)>();
        foreach (var row in rows)
        {
            var other = row.CategoryCode is { } code ? all.GetValueOrDefault(code) : null;
            if (row.Latitude is not { } lat || row.Longitude is not { } lon || Threshold(own, other) is not { } threshold)
                continue;
            var radius = Math.Max(own?.DuplicateRadiusMeters ?? 0, other?.DuplicateRadiusMeters ?? 0) is > 0 and var r ? r : DefaultRadiusMeters;
            var window = own?.DuplicateWindowHours ?? other?.DuplicateWindowHours ?? DefaultWindowHours;
            var distance = GeoCell.DistanceMeters(latitude, longitude, lat, lon);
            if (distance > radius || row.ReceivedAt < report.ReceivedAt.AddHours(-window))
                continue;
            var similarity = TextSimilarity.Between(profile, TextSimilarity.Of(row.Description));
            if (similarity >= threshold)
                found.Add((new DuplicateCandidate(row.Id, row.Code, distance, similarity, row.ReceivedAt), similarity * (1 - (0.5 * distance / radius))));
        }
        return new DuplicateSearch(Best(found), rows.Count);
    }

    private async Task<DuplicateSearch> InAreaAsync(Report report, Category own, CancellationToken ct)
    {
        var since = report.ReceivedAt.AddHours(-own.DuplicateWindowHours);
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.AreaCode == report.AreaCode && r.CategoryCode == own.Code && r.ReceivedAt >= since && r.ReceivedAt <= report.ReceivedAt && r.Id != report.Id)
            .Where(StillOpen)
            .Select(r => new NearbyReport(r.Id, r.Code, r.CategoryCode, r.Latitude, r.Longitude, r.Description, r.ReceivedAt))
            .ToListAsync(ct);
        var profile = TextSimilarity.Of(report.Description);
        var found = rows
            .Select(row => (Row: row, Similarity: TextSimilarity.Between(profile, TextSimilarity.Of(row.Description))))
            .Where(match => match.Similarity >= WithoutCoordinatesSimilarity)
            .Select(match => (new DuplicateCandidate(match.Row.Id, match.Row.Code, null, match.Similarity, match.Row.ReceivedAt), match.Similarity * 0.5))
            .ToList();
        return new DuplicateSearch(Best(found), rows.Count);
    }

    /// <summary>The similarity needed between two categories, or null when they cannot be one problem.</summary>
    private static double? Threshold(Category? own, Category? other) =>
        own is null || other is null ? UncategorisedSimilarity
        : string.Equals(own.Group, other.Group, StringComparison.Ordinal) ? SameGroupSimilarity
        : null;

    private static List<DuplicateCandidate> Best(List<(DuplicateCandidate Candidate, double Score)> found) =>
        [.. found.OrderByDescending(f => f.Score).ThenBy(f => f.Candidate.DistanceMeters ?? double.MaxValue).Take(MaxCandidates).Select(f => f.Candidate)];

    private const int DefaultWindowHours = 24 * 14;
    private const int DefaultRadiusMeters = 100;
}
