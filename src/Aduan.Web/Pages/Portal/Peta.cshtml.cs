using Aduan.Data;
using Aduan.Portal;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages.Portal;

/// <summary>The public map: filters in the URL (so a view can be shared), the map and the newest matching reports beside it.</summary>
public sealed class PetaModel(AduanDbContext db, PortalView portal, PublicReportList list) : PageModel
{
    public PublicFilterInput Input { get; private set; } = new(null, null, null, null, null, null);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<PublicListItem> Items { get; private set; } = [];
    public MapView Map { get; private set; } = null!;
    public IReadOnlyList<Choice> Categories { get; private set; } = [];
    public IReadOnlyList<Choice> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Areas { get; private set; } = [];

    public async Task OnGetAsync(string? kategori, string? status, string? wilayah, string? instansi, string? dari, string? sampai, CancellationToken ct)
    {
        Input = new PublicFilterInput(kategori, status, wilayah, instansi, dari, sampai);
        var (filter, errors) = await portal.ParseAsync(Input, ct);
        Errors = errors;
        if (errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        else
            Items = await list.NewestAsync(filter.Apply(db.Reports.AsNoTracking().Listed()), PublicMapApi.MaxListItems, ct);
        Map = await portal.MapAsync(errors.Count > 0 ? Input with { Category = null, Status = null, Area = null, Agency = null, From = null, To = null } : Input, Input.Area, ct);
        Categories = await portal.CategoriesAsync(ct);
        Statuses = portal.Statuses();
        Areas = await portal.AreasAsync(ct);
    }
}
