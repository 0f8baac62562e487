using System.Globalization;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Portal;
using Aduan.Reports;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>A count drawn on the map: an area's (at its inside point) or a grid cell's (at its centre).</summary>
public sealed record MapCount(string? Code, string? Name, double Latitude, double Longitude, int Count);

/// <summary>One public report drawn as a point.</summary>
public sealed record MapPoint(string Code, double Latitude, double Longitude, string Status, string StatusLabel, string? Category, DateTimeOffset ReceivedAt, string TrackUrl);

/// <summary>
/// What the map draws for a view: <c>areas</c> (counts per kota, kecamatan or kelurahan),
/// <c>cells</c> (counts per grid cell of about 220 m) or <c>points</c> (at most <see cref="PublicMapApi.MaxPoints"/>).
/// <see cref="Unplaced"/> counts matching reports with no known area (counted in <see cref="Total"/>, not drawn).
/// </summary>
public sealed record MapData(string Mode, string? Level, int Total, int Unplaced, IReadOnlyList<MapCount> Counts, IReadOnlyList<MapPoint> Points);

/// <summary>A public report in a list (the map's side list, area and agency pages).</summary>
public sealed record PublicListItem(string Code, string Status, string StatusLabel, string? Category, string? Area, DateTimeOffset ReceivedAt, string TrackUrl);

/// <summary>
/// The public map's data. Never everything: below zoom <see cref="PointZoom"/>, or for a box wider
/// than <see cref="PointBoxDegrees"/>, counts per area grouped in the database (one row per
/// kelurahan at most); closer in, the points in the box, newest first, up to <see cref="MaxPoints"/>,
/// and when there are more, counts per grid cell instead.
/// </summary>
public static class PublicMapApi
{
    public const int PointZoom = 15;
    public const double PointBoxDegrees = 0.08;
    public const int MaxPoints = 500;
    public const int MaxListItems = 50;

    public static void MapPublicMapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public portal");
        api.MapGet("/boundaries/{level}", BoundariesAsync)
            .WithSummary("The pack's boundaries of one level (kota, kecamatan, kelurahan), simplified, as GeoJSON")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/map", MapAsync)
            .WithSummary("Counts per area or grid cell, or points, for a map view (zoom, bbox=west,south,east,north) and filters")
            .Produces<MapData>()
            .ProducesValidationProblem();
        api.MapGet("/reports", ListAsync)
            .WithSummary("The newest public reports matching the filters (at most 50)")
            .Produces<IReadOnlyList<PublicListItem>>()
            .ProducesValidationProblem();
    }

    /// <summary>The level a map level word names: kota, kecamatan, kelurahan.</summary>
    public static AreaLevel? LevelOf(string? word) => word?.ToLowerInvariant() switch
    {
        "kota" => AreaLevel.Regency,
        "kecamatan" => AreaLevel.District,
        "kelurahan" => AreaLevel.Village,
        _ => null,
    };

    public static string WordOf(AreaLevel level) => level switch
    {
        AreaLevel.Regency => "kota",
        AreaLevel.District => "kecamatan",
        AreaLevel.Village => "kelurahan",
        _ => "provinsi",
    };

    private static async Task<IResult> BoundariesAsync(string level, HttpContext http, BoundaryLayer layer, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (LevelOf(level) is not { } wanted)
            return Problems.Status(StatusCodes.Status404NotFound, text["Problem_UnknownLevel"]);
        var file = await layer.FileAsync(wanted, ct);
        http.Response.Headers.ETag = file.ETag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        if (http.Request.Headers.IfNoneMatch.ToString() == file.ETag)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Text(file.Json, "application/geo+json");
    }

    private static async Task<IResult> MapAsync(
        AduanDbContext db, PublicFilter filters, BoundaryLayer layer, CategoryDirectory categories, IStringLocalizer<SharedResource> text, CancellationToken ct,
        string? category = null, string? status = null, string? area = null, string? agency = null, string? from = null, string? to = null,
        string? zoom = null, string? bbox = null)
    {
        var (filter, errors) = await filters.ParseAsync(new PublicFilterInput(category, status, area, agency, from, to), ct);
        var level = 11;
        if (!string.IsNullOrWhiteSpace(zoom) && (!int.TryParse(zoom, NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 22))
            errors.Add(new FieldError("zoom", "Error_Range", 0, 22));
        var box = ParseBox(bbox, errors);
        if (errors.Count > 0)
            return Problems.Validation(errors, text);

        var query = filter.Apply(db.Reports.AsNoTracking().Listed());
        if (level >= PointZoom && box is { } b && b.Width <= PointBoxDegrees && b.Height <= PointBoxDegrees)
            return TypedResults.Ok(await PointsAsync(query, b, categories, text, ct));
        var areaLevel = level <= 10 ? AreaLevel.Regency : level <= 12 ? AreaLevel.District : AreaLevel.Village;
        return TypedResults.Ok(await AreaCountsAsync(query, areaLevel, layer, ct));
    }

    private static async Task<IResult> ListAsync(
        AduanDbContext db, PublicFilter filters, PublicReportList list, IStringLocalizer<SharedResource> text, CancellationToken ct,
        string? category = null, string? status = null, string? area = null, string? agency = null, string? from = null, string? to = null)
    {
        var (filter, errors) = await filters.ParseAsync(new PublicFilterInput(category, status, area, agency, from, to), ct);
        if (errors.Count > 0)
            return Problems.Validation(errors, text);
        return TypedResults.Ok(await list.NewestAsync(filter.Apply(db.Reports.AsNoTracking().Listed()), MaxListItems, ct));
    }

    private static async Task<MapData> AreaCountsAsync(IQueryable<Report> query, AreaLevel level, BoundaryLayer layer, CancellationToken ct)
    {
        // One row per kelurahan at most, then rolled up to the level in memory along the pack's tree.
        var rows = await query.GroupBy(r => r.AreaCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct);
        var places = await layer.PlacesAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var unplaced = 0;
        foreach (var row in rows)
        {
            var code = row.Code;
            while (code is not null && places.TryGetValue(code, out var place) && place.Level > level)
                code = place.ParentCode;
            if (code is not null && places.TryGetValue(code, out var at) && at.Level == level && !double.IsNaN(at.Latitude))
                counts[code] = counts.GetValueOrDefault(code) + row.Count;
            else
                unplaced += row.Count;
        }
        var items = counts.Select(c => places[c.Key] is var p ? new MapCount(p.Code, p.Name, p.Latitude, p.Longitude, c.Value) : null!)
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return new MapData("areas", WordOf(level), rows.Sum(r => r.Count), unplaced, items, []);
    }

    private static async Task<MapData> PointsAsync(IQueryable<Report> query, Box box, CategoryDirectory categories, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        // The box as ranges of the grid cells reports already carry (an index), then exact.
        var inBox = InBox(query, box);
        var rows = await inBox.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id).Take(MaxPoints + 1)
            .Select(r => new { r.Code, r.Latitude, r.Longitude, r.Status, r.CategoryCode, r.ReceivedAt }).ToListAsync(ct);
        if (rows.Count > MaxPoints)
        {
            var cells = await inBox.GroupBy(r => r.LocationCell).Select(g => new { Cell = g.Key!.Value, Count = g.Count() }).ToListAsync(ct);
            var counts = cells.Select(c => GeoCellCentre(c.Cell) is var (lat, lon) ? new MapCount(null, null, lat, lon, c.Count) : null!).ToList();
            return new MapData("cells", null, cells.Sum(c => c.Count), 0, counts, []);
        }
        var points = new List<MapPoint>(rows.Count);
        foreach (var r in rows)
        {
            var name = await categories.FindAsync(r.CategoryCode, ct) is { } c ? PublicReportQuery.LocalizedName(c.Name, c.NameEn) : null;
            points.Add(new MapPoint(TrackingCode.Format(r.Code), r.Latitude!.Value, r.Longitude!.Value, r.Status.ToString(), text[$"Status_{r.Status}"],
                name, r.ReceivedAt, $"/lacak/{TrackingCode.Format(r.Code)}"));
        }
        return new MapData("points", null, points.Count, 0, [], points);
    }

    private static IQueryable<Report> InBox(IQueryable<Report> query, Box box)
    {
        var (south, north) = (box.South, box.North);
        var (west, east) = (box.West, box.East);
        var exact = query.Where(r => r.LocationCell != null && r.Latitude >= south && r.Latitude <= north && r.Longitude >= west && r.Longitude <= east);
        var firstRow = (long)Math.Floor((south + 90) / GeoCell.Size);
        var lastRow = (long)Math.Floor((north + 90) / GeoCell.Size);
        if (lastRow - firstRow > 64)
            return exact;
        var firstColumn = (long)Math.Floor((west + 180) / GeoCell.Size);
        var lastColumn = (long)Math.Floor((east + 180) / GeoCell.Size);
        var columns = GeoCell.Columns;
        // Rows are contiguous ranges of cell numbers: "cell between a and b" per row, ORed.
        var row = System.Linq.Expressions.Expression.Parameter(typeof(Report), "r");
        var cell = System.Linq.Expressions.Expression.Property(row, nameof(Report.LocationCell));
        System.Linq.Expressions.Expression? any = null;
        for (var r = firstRow; r <= lastRow; r++)
        {
            var low = System.Linq.Expressions.Expression.Constant((long?)((r * columns) + firstColumn), typeof(long?));
            var high = System.Linq.Expressions.Expression.Constant((long?)((r * columns) + lastColumn), typeof(long?));
            var between = System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.GreaterThanOrEqual(cell, low), System.Linq.Expressions.Expression.LessThanOrEqual(cell, high));
            any = any is null ? between : System.Linq.Expressions.Expression.OrElse(any, between);
        }
        return exact.Where(System.Linq.Expressions.Expression.Lambda<Func<Report, bool>>(any!, row));
    }

    private static (double Latitude, double Longitude) GeoCellCentre(long cell)
    {
        var (r, c) = (cell / GeoCell.Columns, cell % GeoCell.Columns);
        return (Math.Round(((r + 0.5) * GeoCell.Size) - 90, 5), Math.Round(((c + 0.5) * GeoCell.Size) - 180, 5));
    }

    private readonly record struct Box(double West, double South, double East, double North)
    {
        public double Width => East - West;

        public double Height => North - South;
    }

    private static Box? ParseBox(string? bbox, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(bbox))
            return null;
        var parts = bbox.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok)
            || values[0] is < -180 or > 180 || values[2] is < -180 or > 180 || values[1] is < -90 or > 90 || values[3] is < -90 or > 90
            || values[0] >= values[2] || values[1] >= values[3])
        {
            errors.Add(new FieldError("bbox", "Error_BoundingBox"));
            return null;
        }
        return new Box(values[0], values[1], values[2], values[3]);
    }
}
