using Aduan.Data;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Admin;

/// <summary>API keys for integrations: list, create (the token is shown once, here) and revoke.</summary>
public sealed class KunciApiModel(ApiKeys keys, AduanDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];
    public AgencyChoices Agencies { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Message { get; private set; }

    /// <summary>The key just created and its token, shown once.</summary>
    public ApiKeyView? Created { get; private set; }
    public string? Token { get; private set; }

    public string? Name { get; private set; }
    public IReadOnlySet<string> Scopes { get; private set; } = new HashSet<string>();
    public string? Agency { get; private set; }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[]? scopes, string? agency, CancellationToken ct)
    {
        var result = await keys.CreateAsync(name, scopes ?? [], agency, User.ToStaffActor()?.UserId, ct);
        if (result.Succeeded)
        {
            (Created, Token) = (AdminApi.ToView(result.Key!), result.Token);
            AdminForms.DoNotStore(Response);
        }
        else
        {
            (Name, Scopes, Agency) = (name, (scopes ?? []).ToHashSet(StringComparer.Ordinal), agency);
            Errors.AddErrors(result.Errors, text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (await keys.RevokeAsync(id, ct))
        {
            Message = text["Admin_KeyRevoked"];
        }
        else
        {
            Errors["revoke"] = text["ApiKey_NotFound"];
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await AgencyChoices.LoadAsync(db, ct);
        Keys = (await keys.ListAsync(ct)).Select(AdminApi.ToView).ToList();
    }
}
