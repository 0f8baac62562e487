using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Portal;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Portal;

/// <summary>An agency's public page: the public reports it leads in a period, the units above and below it, the map on its area.</summary>
public sealed class InstansiModel(AduanDbContext db, PortalView portal, PublicReportList list, BoundaryLayer layer, CategoryDirectory categories, AgencyTree agencies) : PageModel
{
    public Agency? Agency { get; private set; }
    public Agency? Parent { get; private set; }
    public IReadOnlyList<Agency> Children { get; private set; } = [];
    public AreaPlace? Area { get; private set; }
    public PublicFilterInput Input { get; private set; } = new(null, null, null, null, null, null);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public PublicSummary? Summary { get; private set; }
    public MapView Map { get; private set; } = null!;

    public async Task OnGetAsync(string code, string? dari, string? sampai, CancellationToken ct)
    {
        Agency = await agencies.FindAsync(code, ct);
        if (Agency is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Parent = Agency.ParentCode is null ? null : await agencies.FindAsync(Agency.ParentCode, ct);
        Children = (await agencies.AllAsync(ct)).Where(a => a.ParentCode == Agency.Code).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        Area = await layer.FindAsync(Agency.AreaCode, ct);
        Input = new PublicFilterInput(null, null, null, Agency.Code, dari, sampai);
        var (filter, errors) = await portal.ParseAsync(Input, ct);
        Errors = errors;
        if (errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        else
            Summary = await PublicSummary.BuildAsync(db, filter, portal, list, categories, ct);
        Map = await portal.MapAsync(errors.Count > 0 ? Input with { From = null, To = null } : Input, Agency.AreaCode, ct);
    }
}
