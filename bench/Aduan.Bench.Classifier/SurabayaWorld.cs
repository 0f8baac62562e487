using System.Globalization;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Bench.Shared;
using Aduan.Packs;

namespace Aduan.Bench.Classifier;

/// <summary>One complaint as the benchmark sees it: text, the city's labels in pack codes, and the area the city assigned.</summary>
internal sealed record Case(string Text, string? Category, string? Agency, IReadOnlyList<Area> Lineage, int Year, DateTime ReceivedAt);

/// <summary>The surabaya pack's areas, routing rules and Media Center id mappings.</summary>
internal sealed class SurabayaWorld
{
    private readonly PackContents _pack;
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<long, string> _topics;
    private readonly Dictionary<long, string> _agencies;
    private readonly Dictionary<(string, string), string?> _routes = [];

    public SurabayaWorld(PackContents pack, string folder)
    {
        _pack = pack;
        _areas = pack.Areas.ToDictionary(a => a.Code);
        CategoryNames = pack.Categories.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        _topics = ReadMap(Path.Combine(folder, "topik-mediacenter.csv"));
        _agencies = ReadMap(Path.Combine(folder, "instansi-mediacenter.csv"));
    }

    public List<Case> Cases(IEnumerable<SurabayaComplaint> rows) =>
    [
        .. rows.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select(r => new Case(
            r.Text,
            _topics.GetValueOrDefault(r.TopicId),
            _agencies.GetValueOrDefault(r.AgencyId),
            Lineage(r.KelurahanCode is { Length: > 0 } ? r.KelurahanCode : r.KecamatanCode),
            r.ReceivedAt.Year,
            r.ReceivedAt)),
    ];

    /// <summary>Each pack category's Indonesian name by code ("kelas-catin" → "Kelas Catin"): what the topic model may learn from besides examples.</summary>
    public IReadOnlyDictionary<string, string> CategoryNames { get; }

    /// <summary>The agency the pack's routing rules name for a category in the case's area (the kelurahan the city assigned).</summary>
    public string? Route(string category, IReadOnlyList<Area> lineage)
    {
        var key = (category, lineage.Count > 0 ? lineage[0].Code : "");
        if (!_routes.TryGetValue(key, out var agency))
            _routes[key] = agency = Routing.FindAgency(_pack.RoutingRules, category, lineage);
        return agency;
    }

    /// <summary>The agency as a label that holds across areas (<see cref="Routing.Relative"/>).</summary>
    public static string Relative(string agency, IReadOnlyList<Area> lineage) => Routing.Relative(agency, lineage);

    /// <summary>The kecamatan of the case's area ("" when the city gave none).</summary>
    public static string Kecamatan(IReadOnlyList<Area> lineage) => lineage.FirstOrDefault(a => a.Level == AreaLevel.District)?.Code ?? "";

    private List<Area> Lineage(string? code)
    {
        var lineage = new List<Area>();
        if (code is null || !_areas.TryGetValue(code, out var area))
            area = _areas[_pack.Info.RootAreaCode];
        for (; area is not null; area = area.ParentCode is { } parent ? _areas.GetValueOrDefault(parent) : null)
            lineage.Add(area);
        return lineage;
    }

    private static Dictionary<long, string> ReadMap(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Where(p => p.Length == 2)
            .ToDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => p[1].Trim());
}
