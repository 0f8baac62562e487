using System.Globalization;
using System.Text.Json;
using Aduan.Areas;

namespace Aduan.Packs;

/// <summary>
/// Reads a pack folder (format: docs/packs.md) and checks it whole. Either every file is valid
/// and a <see cref="PackContents"/> comes back, or a <see cref="PackException"/> lists every
/// problem found with its file and line.
/// </summary>
public static class PackReader
{
    public static PackContents Read(string packsFolder, string name)
    {
        var folder = Path.Combine(packsFolder, name);
        if (!Directory.Exists(folder))
        {
            var known = Directory.Exists(packsFolder) ? string.Join(", ", Directory.GetDirectories(packsFolder).Select(Path.GetFileName)) : "none";
            throw new PackException(name, [new PackProblem(folder, null, null, $"no such pack (packs here: {known})")]);
        }
        var problems = new List<PackProblem>();
        var info = ReadInfo(folder, problems);
        var areas = PackSections.ReadAreas(CsvTable.Read(folder, "areas.csv", ["kode", "nama", "tingkat", "induk"], true, problems), problems);
        ReadBoundaries(folder, areas, problems);
        var areaCodes = areas.Select(a => a.Code).ToHashSet();
        if (info is not null && !areaCodes.Contains(info.RootAreaCode))
            problems.Add(new PackProblem("pack.json", null, "rootArea", $"'{info.RootAreaCode}' is not in areas.csv"));
        var agencies = PackSections.ReadAgencies(CsvTable.Read(folder, "agencies.csv", ["kode", "nama", "jenis", "induk", "wilayah"], true, problems, ["jam_layanan"]), areaCodes, problems);
        var categories = PackSections.ReadCategories(CsvTable.Read(folder, "categories.csv", ["kode", "nama", "nama_en", "kelompok", "tingkat_penanganan", "batas_respon_jam", "batas_selesai_jam", "jenis_waktu"], true, problems, PackSections.OptionalCategoryColumns), problems);
        var rules = PackSections.ReadRouting(CsvTable.Read(folder, "routing.csv", ["kategori", "wilayah", "instansi"], true, problems),
            categories.Select(c => c.Code).ToHashSet(), areaCodes, agencies.Select(a => a.Code).ToHashSet(), problems);
        var holidays = PackSections.ReadHolidays(CsvTable.Read(folder, "holidays.csv", ["tanggal", "nama", "jenis"], false, problems), problems);
        var templates = PackSections.ReadTemplates(CsvTable.Read(folder, "templates.csv", ["kunci", "bahasa", "teks"], false, problems), problems);
        var escalation = PackSections.ReadEscalation(CsvTable.Read(folder, "escalation.csv", ["kode", "dasar", "pada", "penerima", "saluran", "templat"], false, problems), templates, problems);
        var priorities = PackSections.ReadPriorities(CsvTable.Read(folder, "priorities.csv", ["kategori", "prioritas", "batas_respon_jam", "batas_selesai_jam"], false, problems, ["jenis_waktu"]),
            categories.Select(c => c.Code).ToHashSet(), problems);
        var whatsApp = PackSections.ReadWhatsApp(CsvTable.Read(folder, "whatsapp.csv", ["kunci", "nama", "bahasa", "parameter"], false, problems), templates, problems);
        var streets = ReadStreets(packsFolder, name, areas, problems);
        if (problems.Count > 0 || info is null)
            throw new PackException(name, problems);
        return new PackContents(info, areas, agencies, categories, rules, holidays, templates) { Streets = streets, Escalation = escalation, Priorities = priorities, WhatsApp = whatsApp };
    }

    /// <summary>
    /// The pack's optional streets.csv (streets and landmarks with the kelurahan or kecamatan they
    /// are in); rows with a problem are reported and left out.
    /// </summary>
    public static List<KnownStreet> ReadStreets(string packsFolder, string name, IReadOnlyList<Area> areas, List<PackProblem> problems) =>
        PackSections.ReadStreets(CsvTable.Read(Path.Combine(packsFolder, name), "streets.csv", ["nama", "kode_wilayah"], false, problems), areas, problems);

    private static PackInfo? ReadInfo(string folder, List<PackProblem> problems)
    {
        var path = Path.Combine(folder, "pack.json");
        if (!File.Exists(path))
        {
            problems.Add(new PackProblem("pack.json", null, null, "file is missing"));
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            string? Text(string field)
            {
                if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
                    return s;
                problems.Add(new PackProblem("pack.json", null, field, "required text is missing"));
                return null;
            }
            var (packName, display, zone, rootArea) = (Text("name"), Text("displayName"), Text("timeZone"), Text("rootArea"));
            if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                problems.Add(new PackProblem("pack.json", null, "timeZone", $"'{zone}' is not a known IANA time zone"));
            var map = root.TryGetProperty("mapCenter", out var m) ? m : default;
            double Number(string field, double fallback) =>
                map.ValueKind == JsonValueKind.Object && map.TryGetProperty(field, out var v) && v.TryGetDouble(out var d) ? d : fallback;
            var twoFactor = Staff.StaffRole.None;
            if (root.TryGetProperty("staffTwoFactor", out var roles))
            {
                if (roles.ValueKind != JsonValueKind.Array)
                    problems.Add(new PackProblem("pack.json", null, "staffTwoFactor", "must be a list of role names"));
                else
                {
                    foreach (var role in roles.EnumerateArray())
                    {
                        if (Staff.StaffRoles.Parse(role.ValueKind == JsonValueKind.String ? role.GetString() : null) is { } parsed)
                            twoFactor |= parsed;
                        else
                            problems.Add(new PackProblem("pack.json", null, "staffTwoFactor", $"'{role}' is not a role (operator, verifier, officer, head, leader, admin)"));
                    }
                }
            }
            var threshold = 0.6;
            if (root.TryGetProperty("autoCategoryThreshold", out var t))
            {
                if (t.TryGetDouble(out var value) && value is > 0 and <= 1)
                    threshold = value;
                else
                    problems.Add(new PackProblem("pack.json", null, "autoCategoryThreshold", "must be a number above 0 and at most 1"));
            }
            int Whole(string field, int fallback, int min, int max)
            {
                if (!root.TryGetProperty(field, out var v))
                    return fallback;
                if (v.TryGetInt32(out var n) && n >= min && n <= max)
                    return n;
                problems.Add(new PackProblem("pack.json", null, field, $"must be a whole number from {min} to {max}"));
                return fallback;
            }
            var confirmationDays = Whole("confirmationDays", 3, 1, 30);
            var evidenceRadius = Whole("evidenceRadiusMeters", 200, 10, 5000);
            var reminderHours = Whole("coordinationReminderHours", 48, 1, 720);
            var (reopen, reopenHours) = ReadReopen(root, problems);
            if (packName is null || display is null || zone is null || rootArea is null)
                return null;
            return new PackInfo
            {
                Name = packName,
                DisplayName = display,
                TimeZone = zone,
                RootAreaCode = rootArea,
                MapLatitude = Number("lat", 0),
                MapLongitude = Number("lng", 0),
                MapZoom = (int)Number("zoom", 11),
                TwoFactorRoles = twoFactor,
                AutoCategoryThreshold = threshold,
                ConfirmationDays = confirmationDays,
                EvidenceRadiusMeters = evidenceRadius,
                CoordinationReminderHours = reminderHours,
                ReopenDeadline = reopen,
                ReopenResolutionHours = reopenHours,
            };
        }
        catch (JsonException ex)
        {
            problems.Add(new PackProblem("pack.json", (int?)(ex.LineNumber + 1), ex.Path, $"not valid JSON: {ex.Message}"));
            return null;
        }
    }

    /// <summary>pack.json <c>reopen</c>: <c>{"deadline": "full" | "remaining" | "fixed", "resolutionHours": n}</c> (n only, and required, for fixed).</summary>
    private static (ReopenDeadline, int?) ReadReopen(JsonElement root, List<PackProblem> problems)
    {
        if (!root.TryGetProperty("reopen", out var reopen))
            return (ReopenDeadline.Full, null);
        if (reopen.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new PackProblem("pack.json", null, "reopen", "must be an object such as {\"deadline\": \"full\"}"));
            return (ReopenDeadline.Full, null);
        }
        var name = reopen.TryGetProperty("deadline", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        ReopenDeadline? deadline = name switch { "full" => ReopenDeadline.Full, "remaining" => ReopenDeadline.Remaining, "fixed" => ReopenDeadline.Fixed, _ => null };
        if (deadline is null)
        {
            problems.Add(new PackProblem("pack.json", null, "reopen.deadline", $"'{name}' must be full, remaining or fixed"));
            return (ReopenDeadline.Full, null);
        }
        var hasHours = reopen.TryGetProperty("resolutionHours", out var h);
        if (deadline != ReopenDeadline.Fixed)
        {
            if (hasHours)
                problems.Add(new PackProblem("pack.json", null, "reopen.resolutionHours", "only applies when reopen.deadline is fixed"));
            return (deadline.Value, null);
        }
        if (hasHours && h.TryGetInt32(out var hours) && hours is > 0 and <= 24 * 365)
            return (deadline.Value, hours);
        problems.Add(new PackProblem("pack.json", null, "reopen.resolutionHours", "must be a whole number of hours from 1 to 8760 when reopen.deadline is fixed"));
        return (ReopenDeadline.Full, null);
    }

    private static void ReadBoundaries(string folder, List<Area> areas, List<PackProblem> problems)
    {
        var boundaries = Path.Combine(folder, "boundaries");
        if (!Directory.Exists(boundaries))
            return;
        var byCode = areas.ToDictionary(a => a.Code);
        foreach (var path in Directory.GetFiles(boundaries, "*.geojson").Order(StringComparer.Ordinal))
        {
            var file = "boundaries/" + Path.GetFileName(path);
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var index = 0;
                foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
                {
                    var field = $"features[{index++}]";
                    var code = feature.GetProperty("properties").TryGetProperty("kode", out var k) ? k.GetString() : null;
                    var geometry = feature.GetProperty("geometry");
                    var type = geometry.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (code is null || !byCode.TryGetValue(code, out var area))
                        problems.Add(new PackProblem(file, null, field, $"properties.kode '{code}' is not in areas.csv"));
                    else if (type is not ("Polygon" or "MultiPolygon"))
                        problems.Add(new PackProblem(file, null, field, $"geometry type '{type}' is not Polygon or MultiPolygon"));
                    else
                        area.BoundaryGeoJson = geometry.GetRawText();
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add(new PackProblem(file, null, null, $"not a GeoJSON FeatureCollection: {ex.Message}"));
            }
        }
    }

    internal static int? PositiveInt(CsvRow row, string column, List<PackProblem> problems)
    {
        if (int.TryParse(row[column], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;
        problems.Add(row.Problem(column, $"'{row[column]}' is not a positive whole number"));
        return null;
    }
}
