using Aduan.Areas;
using Aduan.Categories;
using Aduan.Packs;
using Aduan.Portal;
using Aduan.Web.Api;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Pages.Portal;

/// <summary>What the map partial needs: where to start, what to fetch, which filters are fixed by the page.</summary>
public sealed record MapView(double Latitude, double Longitude, int Zoom, string? Bounds, string Query, string? TileUrl, string? TileAttribution, int TileMaxZoom);

/// <summary>A choice in a filter's list.</summary>
public sealed record Choice(string Value, string Label, string? Group = null);

/// <summary>
/// What the portal's pages share: the filters from the page URL (Indonesian names: kategori,
/// status, wilayah, instansi, dari, sampai) checked by <see cref="PublicFilter"/>, the choices of
/// the filter form, and the map's starting view.
/// </summary>
public sealed class PortalView(
    PublicFilter filters, CurrentPack pack, CategoryDirectory categories, BoundaryLayer layer, IOptions<PortalOptions> portal, IStringLocalizer<SharedResource> text)
{
    /// <summary>The page's names for the API's filter names.</summary>
    public static readonly IReadOnlyDictionary<string, string> PageNames = new Dictionary<string, string>
    {
        ["category"] = "kategori",
        ["status"] = "status",
        ["area"] = "wilayah",
        ["agency"] = "instansi",
        ["from"] = "dari",
        ["to"] = "sampai",
    };

    public async Task<(ReportFilter Filter, IReadOnlyList<string> Errors)> ParseAsync(PublicFilterInput input, CancellationToken ct)
    {
        var (filter, errors) = await filters.ParseAsync(input, ct);
        return (filter, errors.Select(e => $"{Label(e.Field)}: {Problems.Message(e, text)}").ToList());
    }

    /// <summary>The API query string of the typed filters (the map's script sends it as it is).</summary>
    public static string Query(PublicFilterInput input) => string.Join("&", new (string Name, string? Value)[]
    {
        ("category", input.Category), ("status", input.Status), ("area", input.Area), ("agency", input.Agency), ("from", input.From), ("to", input.To),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}"));

    public async Task<MapView> MapAsync(PublicFilterInput input, string? focusArea, CancellationToken ct)
    {
        var info = (await pack.GetAsync(ct)).Info;
        var place = await layer.FindAsync(focusArea, ct);
        var bounds = place?.Extent is { } e ? FormattableString.Invariant($"{e.MinX:0.#####},{e.MinY:0.#####},{e.MaxX:0.#####},{e.MaxY:0.#####}") : null;
        var options = portal.Value;
        return new MapView(info.MapLatitude, info.MapLongitude, info.MapZoom, bounds, Query(input),
            string.IsNullOrWhiteSpace(options.TileUrl) ? null : options.TileUrl, options.TileAttribution, options.TileMaxZoom);
    }

    public async Task<IReadOnlyList<Choice>> CategoriesAsync(CancellationToken ct) =>
        (await categories.AllAsync(ct)).Where(c => c.IsActive).OrderBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new Choice(c.Code, PublicReportQuery.LocalizedName(c.Name, c.NameEn), c.Group)).ToList();

    public IReadOnlyList<Choice> Statuses() => PublicListing.Statuses.Select(s => new Choice(s.ToString(), text[$"Status_{s}"])).ToList();

    /// <summary>Kota and their kecamatan (kelurahan are reached from the area pages, or typed in the URL).</summary>
    public async Task<IReadOnlyList<Choice>> AreasAsync(CancellationToken ct)
    {
        var places = await layer.PlacesAsync(ct);
        var choices = new List<Choice>();
        foreach (var kota in places.Values.Where(p => p.Level == AreaLevel.Regency).OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            choices.Add(new Choice(kota.Code, kota.Name, kota.Name));
            choices.AddRange(places.Values.Where(p => p.ParentCode == kota.Code).OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(k => new Choice(k.Code, "— " + k.Name, kota.Name)));
        }
        return choices;
    }

    private string Label(string field) => PageNames.TryGetValue(field, out var name) ? text[$"Portal_Filter_{name}"] : field;
}
