using System.Globalization;
using System.Text.RegularExpressions;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Deadlines;
using Aduan.Messaging;

namespace Aduan.Packs;

/// <summary>The per-file rules of docs/packs.md: each method turns a table into entities and problems.</summary>
internal static partial class PackSections
{
    private static readonly Dictionary<string, AreaLevel> AreaKinds = new(StringComparer.Ordinal)
    {
        ["provinsi"] = AreaLevel.Province,
        ["kota"] = AreaLevel.Regency,
        ["kabupaten"] = AreaLevel.Regency,
        ["kecamatan"] = AreaLevel.District,
        ["kelurahan"] = AreaLevel.Village,
        ["desa"] = AreaLevel.Village,
    };

    private static readonly Dictionary<string, AgencyKind> AgencyKinds = new(StringComparer.Ordinal)
    {
        ["dinas"] = AgencyKind.Dinas,
        ["suku_dinas"] = AgencyKind.SukuDinas,
        ["badan"] = AgencyKind.Badan,
        ["bagian"] = AgencyKind.Bagian,
        ["uptd"] = AgencyKind.Uptd,
        ["kecamatan"] = AgencyKind.Kecamatan,
        ["kelurahan"] = AgencyKind.Kelurahan,
        ["luar"] = AgencyKind.OutsideBody,
    };

    private static readonly Dictionary<string, HandlerLevel> HandlerLevels = new(StringComparer.Ordinal)
    {
        ["kelurahan"] = HandlerLevel.Kelurahan,
        ["kecamatan"] = HandlerLevel.Kecamatan,
        ["suku_dinas"] = HandlerLevel.SukuDinas,
        ["dinas"] = HandlerLevel.Dinas,
        ["luar"] = HandlerLevel.OutsideBody,
    };

    private static readonly Dictionary<string, HolidayKind> HolidayKinds = new(StringComparer.Ordinal)
    {
        ["libur_nasional"] = HolidayKind.NationalHoliday,
        ["cuti_bersama"] = HolidayKind.CutiBersama,
        ["libur_daerah"] = HolidayKind.LocalDayOff,
    };

    private static readonly string[] RequiredCategoryText = ["nama", "nama_en", "kelompok"];

    public static List<Area> ReadAreas(CsvTable table, List<PackProblem> problems)
    {
        var areas = new List<Area>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = row["kode"];
            if (!AreaCode().IsMatch(code))
                problems.Add(row.Problem("kode", $"'{code}' is not a Kemendagri code like 31.71.01.1001"));
            else if (!seen.Add(code))
                problems.Add(row.Problem("kode", $"'{code}' appears twice"));
            if (!AreaKinds.TryGetValue(row["tingkat"], out var level))
                problems.Add(row.Problem("tingkat", $"'{row["tingkat"]}' must be one of {string.Join(", ", AreaKinds.Keys)}"));
            if (string.IsNullOrEmpty(row["nama"]))
                problems.Add(row.Problem("nama", "name is empty"));
            areas.Add(new Area { Code = code, Name = row["nama"], Level = level, Kind = row["tingkat"], ParentCode = row.Optional("induk") });
        }
        // Parent checks only between rows whose own level is valid, so one bad cell gives one problem.
        var valid = areas.Where(a => a.Level != default).ToList();
        var byCode = valid.GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.First());
        var top = valid.Count == 0 ? default : valid.Min(a => a.Level);
        foreach (var (area, row) in areas.Zip(table.Rows).Where(pair => pair.First.Level != default))
        {
            if (area.ParentCode is null)
            {
                if (area.Level != top)
                    problems.Add(row.Problem("induk", "only the top area may have no parent"));
            }
            else if (!byCode.TryGetValue(area.ParentCode, out var parent))
            {
                if (!areas.Any(a => a.Code == area.ParentCode))
                    problems.Add(row.Problem("induk", $"parent '{area.ParentCode}' is not in areas.csv"));
            }
            else if (parent.Level != area.Level - 1)
                problems.Add(row.Problem("induk", $"parent '{area.ParentCode}' is a {parent.Kind}, not one level up"));
        }
        return areas;
    }

    public static List<Agency> ReadAgencies(CsvTable table, HashSet<string> areaCodes, List<PackProblem> problems)
    {
        var agencies = new List<Agency>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = row["kode"];
            if (!AgencyCode().IsMatch(code))
                problems.Add(row.Problem("kode", $"'{code}' must be lowercase letters, digits, dots and dashes"));
            else if (!seen.Add(code))
                problems.Add(row.Problem("kode", $"'{code}' appears twice"));
            if (!AgencyKinds.TryGetValue(row["jenis"], out var kind))
                problems.Add(row.Problem("jenis", $"'{row["jenis"]}' must be one of {string.Join(", ", AgencyKinds.Keys)}"));
            if (!areaCodes.Contains(row["wilayah"]))
                problems.Add(row.Problem("wilayah", $"area '{row["wilayah"]}' is not in areas.csv"));
            if (string.IsNullOrEmpty(row["nama"]))
                problems.Add(row.Problem("nama", "name is empty"));
            var serviceHours = row.Optional("jam_layanan");
            if (serviceHours is not null && !ServiceHours.TryParse(serviceHours, out _))
                problems.Add(row.Problem("jam_layanan", $"'{serviceHours}' must be 24jam or opening-closing hours such as 07:30-16:00"));
            agencies.Add(new Agency { Code = code, Name = row["nama"], Kind = kind, ParentCode = row.Optional("induk"), AreaCode = row["wilayah"], ServiceHours = serviceHours });
        }
        foreach (var (agency, row) in agencies.Zip(table.Rows))
        {
            if (agency.ParentCode is not null && !seen.Contains(agency.ParentCode))
                problems.Add(row.Problem("induk", $"parent agency '{agency.ParentCode}' is not in agencies.csv"));
        }
        return agencies;
    }

    public static List<Category> ReadCategories(CsvTable table, List<PackProblem> problems)
    {
        var categories = new List<Category>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = row["kode"];
            if (!CategoryCode().IsMatch(code))
                problems.Add(row.Problem("kode", $"'{code}' must be lowercase letters, digits and dashes"));
            else if (!seen.Add(code))
                problems.Add(row.Problem("kode", $"'{code}' appears twice"));
            foreach (var column in RequiredCategoryText.Where(c => string.IsNullOrEmpty(row[c])))
                problems.Add(row.Problem(column, "is empty"));
            if (!HandlerLevels.TryGetValue(row["tingkat_penanganan"], out var level))
                problems.Add(row.Problem("tingkat_penanganan", $"'{row["tingkat_penanganan"]}' must be one of {string.Join(", ", HandlerLevels.Keys)}"));
            var response = PackReader.PositiveInt(row, "batas_respon_jam", problems);
            var resolution = PackReader.PositiveInt(row, "batas_selesai_jam", problems);
            if (response > resolution)
                problems.Add(row.Problem("batas_respon_jam", "response deadline is after the resolution deadline"));
            if (!TimeBases.TryGetValue(row["jenis_waktu"], out var basis))
                problems.Add(row.Problem("jenis_waktu", $"'{row["jenis_waktu"]}' must be one of {string.Join(", ", TimeBases.Keys)}"));
            categories.Add(new Category
            {
                Code = code,
                Name = row["nama"],
                NameEn = row["nama_en"],
                Group = row["kelompok"],
                HandlerLevel = level,
                ResponseHours = response ?? 0,
                ResolutionHours = resolution ?? 0,
                TimeBasis = basis,
                DuplicateRadiusMeters = OptionalPositive(row, "radius_duplikat_m", 100, problems),
                DuplicateWindowHours = OptionalPositive(row, "jendela_duplikat_jam", 24 * 14, problems),
            });
        }
        return categories;
    }

    /// <summary>The optional duplicate-check columns of categories.csv; empty or absent means the default.</summary>
    public static readonly string[] OptionalCategoryColumns = ["radius_duplikat_m", "jendela_duplikat_jam"];

    private static readonly Dictionary<string, Deadlines.TimeBasis> TimeBases = new(StringComparer.Ordinal)
    {
        ["kalender"] = Deadlines.TimeBasis.Calendar,
        ["kerja"] = Deadlines.TimeBasis.OfficeHours,
        ["hari_kerja"] = Deadlines.TimeBasis.WorkingDays,
    };

    private static int OptionalPositive(CsvRow row, string column, int fallback, List<PackProblem> problems) =>
        row.Optional(column) is null ? fallback : PackReader.PositiveInt(row, column, problems) ?? fallback;

    public static List<RoutingRule> ReadRouting(CsvTable table, HashSet<string> categories, HashSet<string> areas, HashSet<string> agencies, List<PackProblem> problems)
    {
        var rules = new List<RoutingRule>();
        var seen = new HashSet<(string, string)>();
        foreach (var row in table.Rows)
        {
            var (category, area, agency) = (row["kategori"], row["wilayah"], row["instansi"]);
            if (category != RoutingRule.AnyCategory && !categories.Contains(category))
                problems.Add(row.Problem("kategori", $"category '{category}' is not in categories.csv"));
            if (!areas.Contains(area))
                problems.Add(row.Problem("wilayah", $"area '{area}' is not in areas.csv"));
            if (agency is not (RoutingRule.OwnKelurahan or RoutingRule.OwnKecamatan) && !agencies.Contains(agency))
                problems.Add(row.Problem("instansi", $"agency '{agency}' is not in agencies.csv"));
            if (!seen.Add((category, area)))
                problems.Add(row.Problem("kategori", $"a rule for '{category}' in '{area}' appears twice"));
            rules.Add(new RoutingRule { CategoryCode = category, AreaCode = area, AgencyCode = agency });
        }
        return rules;
    }

    public static List<Holiday> ReadHolidays(CsvTable table, List<PackProblem> problems)
    {
        var holidays = new List<Holiday>();
        foreach (var row in table.Rows)
        {
            if (!DateOnly.TryParseExact(row["tanggal"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                problems.Add(row.Problem("tanggal", $"'{row["tanggal"]}' is not a date like 2026-08-17"));
            if (!HolidayKinds.TryGetValue(row["jenis"], out var kind))
                problems.Add(row.Problem("jenis", $"'{row["jenis"]}' must be one of {string.Join(", ", HolidayKinds.Keys)}"));
            holidays.Add(new Holiday { Date = date, Name = row["nama"], Kind = kind });
        }
        return holidays;
    }

    public static List<MessageTemplate> ReadTemplates(CsvTable table, List<PackProblem> problems)
    {
        var templates = new List<MessageTemplate>();
        foreach (var row in table.Rows)
        {
            if (row["bahasa"] is not ("id" or "en"))
                problems.Add(row.Problem("bahasa", $"'{row["bahasa"]}' must be id or en"));
            if (string.IsNullOrEmpty(row["teks"]))
                problems.Add(row.Problem("teks", "is empty"));
            if (templates.Any(t => t.Key == row["kunci"] && t.Language == row["bahasa"]))
                problems.Add(row.Problem("kunci", $"'{row["kunci"]}' in '{row["bahasa"]}' appears twice"));
            templates.Add(new MessageTemplate { Key = row["kunci"], Language = row["bahasa"], Text = row["teks"] });
        }
        foreach (var key in templates.Select(t => t.Key).Distinct().Where(k => !templates.Any(t => t.Key == k && t.Language == "id")))
            problems.Add(new PackProblem(table.File, null, "kunci", $"'{key}' has no Indonesian (id) text"));
        return templates;
    }

    public static List<KnownStreet> ReadStreets(CsvTable table, IReadOnlyList<Area> areas, List<PackProblem> problems)
    {
        var levels = areas.GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.First().Level, StringComparer.Ordinal);
        var streets = new List<KnownStreet>();
        var seen = new HashSet<(string, string)>();
        foreach (var row in table.Rows)
        {
            var (name, code) = (row["nama"], row["kode_wilayah"]);
            var before = problems.Count;
            if (Triage.TextNormalizer.Words(name).Length == 0)
                problems.Add(row.Problem("nama", "name is empty"));
            if (!levels.TryGetValue(code, out var level))
                problems.Add(row.Problem("kode_wilayah", $"area '{code}' is not in areas.csv"));
            else if (level is not (AreaLevel.Village or AreaLevel.District))
                problems.Add(row.Problem("kode_wilayah", $"area '{code}' is not a kelurahan/desa or kecamatan"));
            else if (!seen.Add((Triage.TextNormalizer.Normalize(name), code)))
                problems.Add(row.Problem("nama", $"'{name}' in '{code}' appears twice"));
            if (problems.Count == before)
                streets.Add(new KnownStreet(name, code));
        }
        return streets;
    }

    [GeneratedRegex(@"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]
    private static partial Regex AreaCode();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.\-]*$")]
    private static partial Regex AgencyCode();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*$")]
    private static partial Regex CategoryCode();

    /// <summary>escalation.csv: <c>kode,dasar,pada,penerima,saluran,templat</c>.</summary>
    /// <summary>
    /// priorities.csv: the targets of the urgent and emergency levels, per category or for every
    /// category (<c>*</c>). Normal reports keep the category's own targets, so <c>biasa</c> rows are refused.
    /// </summary>
    public static List<Deadlines.DeadlinePolicy> ReadPriorities(CsvTable table, HashSet<string> categories, List<PackProblem> problems)
    {
        var policies = new List<Deadlines.DeadlinePolicy>();
        var seen = new HashSet<(string, Reports.ReportPriority)>();
        foreach (var row in table.Rows)
        {
            var category = row["kategori"];
            if (category != Deadlines.DeadlinePolicy.AnyCategory && !categories.Contains(category))
                problems.Add(row.Problem("kategori", $"category '{category}' is not in categories.csv (or * for every category)"));
            var priority = Reports.ReportPriorities.Codes.GetValueOrDefault(row["prioritas"], Reports.ReportPriority.Normal);
            if (priority == Reports.ReportPriority.Normal)
                problems.Add(row.Problem("prioritas", $"'{row["prioritas"]}' must be segera or darurat (biasa takes the targets in categories.csv)"));
            else if (!seen.Add((category, priority)))
                problems.Add(row.Problem("prioritas", $"a row for '{category}' at '{row["prioritas"]}' appears twice"));
            var response = PackReader.PositiveInt(row, "batas_respon_jam", problems);
            var resolution = PackReader.PositiveInt(row, "batas_selesai_jam", problems);
            if (response > resolution)
                problems.Add(row.Problem("batas_respon_jam", "response deadline is after the resolution deadline"));
            Deadlines.TimeBasis? basis = null;
            if (row.Optional("jenis_waktu") is { } basisName)
            {
                if (TimeBases.TryGetValue(basisName, out var parsed))
                    basis = parsed;
                else
                    problems.Add(row.Problem("jenis_waktu", $"'{basisName}' must be one of {string.Join(", ", TimeBases.Keys)} (or empty for the category's)"));
            }
            policies.Add(new Deadlines.DeadlinePolicy
            {
                CategoryCode = category,
                Priority = priority,
                ResponseHours = response ?? 0,
                ResolutionHours = resolution ?? 0,
                TimeBasis = basis,
            });
        }
        return policies;
    }

    /// <summary>
    /// whatsapp.csv: the Meta-approved template for each message sent outside WhatsApp's 24-hour
    /// window, with the fields filling its body parameters in order.
    /// </summary>
    public static List<Messaging.WhatsAppTemplate> ReadWhatsApp(CsvTable table, IReadOnlyCollection<Messaging.MessageTemplate> templates, List<PackProblem> problems)
    {
        var rows = new List<Messaging.WhatsAppTemplate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var key = row["kunci"];
            if (!templates.Any(t => t.Key == key && t.Language == "id"))
                problems.Add(row.Problem("kunci", $"template '{key}' is not in templates.csv"));
            else if (!seen.Add(key))
                problems.Add(row.Problem("kunci", $"'{key}' appears twice"));
            if (!WhatsAppName().IsMatch(row["nama"]))
                problems.Add(row.Problem("nama", $"'{row["nama"]}' must be the template's name at Meta: lowercase letters, digits and underscores"));
            if (!WhatsAppLanguage().IsMatch(row["bahasa"]))
                problems.Add(row.Problem("bahasa", $"'{row["bahasa"]}' must be a WhatsApp language code such as id or en_US"));
            var fields = row["parameter"].Split(';', StringSplitOptions.TrimEntries);
            if (row["parameter"].Length > 0 && fields.Any(f => !FieldName().IsMatch(f)))
                problems.Add(row.Problem("parameter", $"'{row["parameter"]}' must be field names of the message separated by ; (such as kode;tautan)"));
            rows.Add(new Messaging.WhatsAppTemplate { Key = key, Name = row["nama"], Language = row["bahasa"], Parameters = string.Join(';', fields.Where(f => f.Length > 0)) });
        }
        return rows;
    }

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex WhatsAppName();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex WhatsAppLanguage();

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex FieldName();

    public static List<Deadlines.EscalationStep> ReadEscalation(CsvTable table, IReadOnlyCollection<MessageTemplate> templates, List<PackProblem> problems)
    {
        var steps = new List<Deadlines.EscalationStep>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = row["kode"];
            if (!CategoryCode().IsMatch(code))
                problems.Add(row.Problem("kode", $"'{code}' must be lowercase letters, digits and dashes"));
            else if (!seen.Add(code))
                problems.Add(row.Problem("kode", $"'{code}' appears twice"));
            if (!EscalationBases.TryGetValue(row["dasar"], out var basis))
                problems.Add(row.Problem("dasar", $"'{row["dasar"]}' must be respon or selesai"));
            int? percent = null, hours = null;
            var at = row["pada"].Trim();
            if (at.EndsWith('%') && int.TryParse(at[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1000)
                percent = p;
            else if (at.EndsWith('j') && int.TryParse(at[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 24 * 365)
                hours = h;
            else
                problems.Add(row.Problem("pada", $"'{at}' must be a share of the target such as 75% or hours after dispatch such as 24j (positive)"));
            if (!EscalationAudiences.TryGetValue(row["penerima"], out var audience))
                problems.Add(row.Problem("penerima", $"'{row["penerima"]}' must be one of {string.Join(", ", EscalationAudiences.Keys)}"));
            if (!EscalationChannels.TryGetValue(row["saluran"], out var channel))
                problems.Add(row.Problem("saluran", $"'{row["saluran"]}' must be one of {string.Join(", ", EscalationChannels.Keys)}"));
            if (!templates.Any(t => t.Key == row["templat"] && t.Language == "id"))
                problems.Add(row.Problem("templat", $"template '{row["templat"]}' is not in templates.csv"));
            steps.Add(new Deadlines.EscalationStep
            {
                Code = code,
                Basis = basis,
                Percent = percent,
                AfterHours = hours,
                Audience = audience,
                Channel = channel,
                TemplateKey = row["templat"],
            });
        }
        return steps;
    }

    private static readonly Dictionary<string, Deadlines.EscalationBasis> EscalationBases = new(StringComparer.Ordinal)
    {
        ["respon"] = Deadlines.EscalationBasis.Response,
        ["selesai"] = Deadlines.EscalationBasis.Resolution,
    };

    private static readonly Dictionary<string, Deadlines.EscalationAudience> EscalationAudiences = new(StringComparer.Ordinal)
    {
        ["petugas"] = Deadlines.EscalationAudience.Officers,
        ["kepala"] = Deadlines.EscalationAudience.Heads,
        ["pimpinan"] = Deadlines.EscalationAudience.Leaders,
        ["operator"] = Deadlines.EscalationAudience.Operators,
    };

    private static readonly Dictionary<string, Messaging.MessageChannel> EscalationChannels = new(StringComparer.Ordinal)
    {
        ["email"] = Messaging.MessageChannel.Email,
        ["sms"] = Messaging.MessageChannel.Sms,
        ["whatsapp"] = Messaging.MessageChannel.WhatsApp,
    };
}
