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
    private const long Columns = (long)(360 / Size) + 1;

    public static long For(double latitude, double longitude) =>
        ((long)Math.Floor((latitude + 90) / Size) * Columns) + (long)Math.Floor((longitude + 180) / Size);

    /// <summary>The cells within <paramref name="radiusMeters"/> of a point (a square of cells covering the circle).</summary>
    public static IReadOnlyList<long> Around(double latitude, double longitude, double radiusMeters)
    {
        var row = (long)Math.Floor((latitude + 90) / Size);
        var column = (long)Math.Floor((longitude + 180) / Size);
        var metersPerCellLat = Size * 111_320;
        var metersPerCellLon = Size * 111_320 * Math.Max(0.1, Math.Cos(latitude * Math.PI / 180));
        var rows = (long)Math.Ceiling(radiusMeters / metersPerCellLat);
        var columns = (long)Math.Ceiling(radiusMeters / metersPerCellLon);
        var cells = new List<long>((int)(((2 * rows) + 1) * ((2 * columns) + 1)));
        for (var r = row - rows; r <= row + rows; r++)
        {
            for (var c = column - columns; c <= column + columns; c++)
                cells.Add((r * Columns) + c);
        }
        return cells;
    }

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double earth = 6_371_000;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * earth * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>True for coordinates that mean "no location": (0,0) or outside Indonesia's bounding box.</summary>
    public static bool IsMissingOrOutsideIndonesia(double latitude, double longitude) =>
        (Math.Abs(latitude) < 1e-6 && Math.Abs(longitude) < 1e-6)
        || latitude is < -11.5 or > 6.5
        || longitude is < 94.5 or > 141.5;
}
