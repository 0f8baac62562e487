using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Portal;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Portal;

/// <summary>An area's public page: its place in the tree, what came in there in a period, and the map on it.</summary>
public sealed class WilayahModel(AduanDbContext db, PortalView portal, PublicReportList list, BoundaryLayer layer, CategoryDirectory categories, AgencyTree agencies) : PageModel
{
    public AreaPlace? Area { get; private set; }
    public IReadOnlyList<AreaPlace> Parents { get; private set; } = [];
    public IReadOnlyList<AreaPlace> Children { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public PublicFilterInput Input { get; private set; } = new(null, null, null, null, null, null);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public PublicSummary? Summary { get; private set; }
    public MapView Map { get; private set; } = null!;

    public async Task OnGetAsync(string code, string? dari, string? sampai, CancellationToken ct)
    {
        Area = await layer.FindAsync(code, ct);
        if (Area is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var parents = new List<AreaPlace>();
        for (var parent = await layer.FindAsync(Area.ParentCode, ct); parent is not null; parent = await layer.FindAsync(parent.ParentCode, ct))
            parents.Insert(0, parent);
        Parents = parents;
        Children = await layer.ChildrenAsync(Area.Code, ct);
        Agencies = (await agencies.AllAsync(ct)).Where(a => a.AreaCode == Area.Code).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        Input = new PublicFilterInput(null, null, Area.Code, null, dari, sampai);
        var (filter, errors) = await portal.ParseAsync(Input, ct);
        Errors = errors;
        if (errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        else
            Summary = await PublicSummary.BuildAsync(db, filter, portal, list, categories, ct);
        Map = await portal.MapAsync(errors.Count > 0 ? Input with { From = null, To = null } : Input, Area.Code, ct);
    }
}
