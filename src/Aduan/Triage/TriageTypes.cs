namespace Aduan.Triage;

/// <summary>Where a report's category came from.</summary>
public enum CategorySource
{
    /// <summary>Not known yet: the citizen did not choose and triage has not (confidently) decided.</summary>
    None,
    Citizen,
    Classifier,
    Operator,
}

/// <summary>Where a report's area (kelurahan) came from.</summary>
public enum AreaSource
{
    None,
    Coordinates,
    AddressText,
    Operator,
}

/// <summary>What triage found that an operator must look at.</summary>
[Flags]
public enum TriageFlags
{
    None = 0,

    /// <summary>The coordinates fall outside the pack's territory; kept, never lost.</summary>
    OutsideTerritory = 1,

    /// <summary>The text says nothing usable ("test", emoji only): never routed automatically.</summary>
    MeaninglessText = 2,

    /// <summary>No category above the pack's threshold: the operator chooses.</summary>
    CategoryUncertain = 4,

    /// <summary>No area from coordinates or text.</summary>
    AreaUnknown = 8,

    /// <summary>Open reports nearby look like the same problem.</summary>
    PossibleDuplicate = 16,

    /// <summary>The contact is on the block list.</summary>
    BlockedContact = 32,

    /// <summary>Sent for a check on the ground; waits for the verifier.</summary>
    AwaitingGroundCheck = 64,

    /// <summary>Triage itself failed (classifier or gazetteer error); the report waits for an operator.</summary>
    TriageFailed = 128,
}

/// <summary>
/// A grid of cells about 220 m on a side (0.002°), numbered row-major. Reports store their cell so
/// that "open reports near here" is an index range over a few cells, not a table scan.
/// </summary>
public static class GeoCell
{
    public const double Size = 0.002;
    public const long Columns = (long)(360 / Size) + 1;
    private const double EarthRadiusMeters = 6_371_000;

    public static long For(double latitude, double longitude) =>
        ((long)Math.Floor((latitude + 90) / Size) * Columns) + (long)Math.Floor((longitude + 180) / Size);

    /// <summary>
    /// The cells a circle of <paramref name="radiusMeters"/> around a point can reach: the cells of
    /// its bounding box, so 1-4 cells for 50 m rather than a fixed square around the point's cell.
    /// Degrees are measured on the sphere <see cref="DistanceMeters"/> uses, and the longitude span
    /// at the circle's latitude furthest from the equator, so a point at exactly the radius is inside.
    /// </summary>
    public static IReadOnlyList<long> Around(double latitude, double longitude, double radiusMeters)
    {
        const double metersPerDegree = EarthRadiusMeters * Math.PI / 180;
        var dLat = (radiusMeters / metersPerDegree * (1 + 1e-9)) + 1e-12;
        var farthest = Math.Min(89.9, Math.Abs(latitude) + dLat);
        var dLon = Math.Min(180, dLat / Math.Max(0.001, Math.Cos(farthest * Math.PI / 180)));
        var (firstRow, lastRow) = ((long)Math.Floor((latitude - dLat + 90) / Size), (long)Math.Floor((latitude + dLat + 90) / Size));
        var (firstColumn, lastColumn) = ((long)Math.Floor((longitude - dLon + 180) / Size), (long)Math.Floor((longitude + dLon + 180) / Size));
        var cells = new List<long>((int)((lastRow - firstRow + 1) * (lastColumn - firstColumn + 1)));
        for (var r = firstRow; r <= lastRow; r++)
        {
            for (var c = firstColumn; c <= lastColumn; c++)
                cells.Add((r * Columns) + c);
        }
        return cells;
    }

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>True for coordinates that mean "no location": (0,0) or outside Indonesia's bounding box.</summary>
    public static bool IsMissingOrOutsideIndonesia(double latitude, double longitude) =>
        (Math.Abs(latitude) < 1e-6 && Math.Abs(longitude) < 1e-6)
        || latitude is < -11.5 or > 6.5
        || longitude is < 94.5 or > 141.5;
}
