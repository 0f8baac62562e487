using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Pages.Portal;

/// <summary>The open data page: what the downloads hold, under which licence, and a form to get them.</summary>
public sealed class DataTerbukaModel(PortalView portal, IOptions<PortalOptions> options) : PageModel
{
    public PortalOptions Options => options.Value;
    public IReadOnlyList<Choice> Categories { get; private set; } = [];
    public IReadOnlyList<Choice> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Categories = await portal.CategoriesAsync(ct);
        Statuses = portal.Statuses();
        Areas = await portal.AreasAsync(ct);
    }
}
