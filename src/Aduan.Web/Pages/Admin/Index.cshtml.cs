using Aduan.Data;
using Aduan.Staff;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Admin;

/// <summary>
/// The staff accounts and the invite form. Inviting goes through <see cref="StaffAccounts"/>,
/// like the admin API and <c>aduan create-user</c>; the temporary password is shown once, here.
/// </summary>
public sealed class IndexModel(StaffAccounts accounts, AduanDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record StaffRow(StaffUserView View, DateTimeOffset? LastSignInAt);

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public AgencyChoices Agencies { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The account just invited, and its temporary password when the admin set none.</summary>
    public StaffUserView? Invited { get; private set; }
    public string? TemporaryPassword { get; private set; }

    public string? Email { get; private set; }
    public string? DisplayName { get; private set; }
    public StaffRole Roles { get; private set; }
    public string? Agency { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostInviteAsync(string? email, string? displayName, string[]? roles, string? agency, string? password, CancellationToken ct)
    {
        (Email, DisplayName, Roles, Agency) = (email?.Trim(), displayName?.Trim(), AdminForms.ReadRoles(roles), agency);
        var result = await accounts.CreateAsync(new NewStaff(email ?? "", displayName ?? "", Roles, agency, password), ct);
        if (result.Succeeded)
        {
            Invited = AdminApi.ToView(result.User!, clock.GetUtcNow());
            TemporaryPassword = result.TemporaryPassword;
            AdminForms.DoNotStore(Response);
            (Email, DisplayName, Roles, Agency) = (null, null, StaffRole.None, null);
        }
        else
        {
            Errors.AddErrors(result.Errors, text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await AgencyChoices.LoadAsync(db, ct);
        Staff = (await accounts.ListAsync(ct)).Select(u => new StaffRow(AdminApi.ToView(u, clock.GetUtcNow()), u.LastSignInAt)).ToList();
    }
}
