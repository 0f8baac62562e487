using Aduan.Data;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Admin;

/// <summary>
/// One staff account: change name, roles and agency, reset the password, disable or enable.
/// An admin cannot disable themself or take away their own admin role, so there is always
/// someone left who can administer.
/// </summary>
public sealed class PenggunaModel(
    StaffAccounts accounts,
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AduanDbContext db,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public StaffUserView? Account { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }
    public AgencyChoices Agencies { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Message { get; private set; }
    public string? Refused { get; private set; }
    public string? TemporaryPassword { get; private set; }

    /// <summary>What the edit form shows: the stored values, or what was just sent when it had errors.</summary>
    public string? DisplayName { get; private set; }
    public StaffRole Roles { get; private set; }
    public string? Agency { get; private set; }

    public bool IsSelf => Account is not null && User.ToStaffActor()?.UserId == Account.Id;

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => ShowAsync(id, ct);

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string? displayName, string[]? roles, string? agency, CancellationToken ct)
    {
        var wanted = AdminForms.ReadRoles(roles);
        if (IsMe(id) && !wanted.HasFlag(StaffRole.Admin))
        {
            Errors["roles"] = text["Admin_CannotDemoteSelf"];
        }
        else
        {
            var result = await accounts.ChangeAsync(id, displayName ?? "", wanted, agency, ct);
            if (result.Succeeded)
            {
                await RefreshIfMeAsync(result.User!);
                Message = text["Admin_Saved"];
                return await ShowAsync(id, ct);
            }
            Errors.AddErrors(result.Errors, text);
        }
        await ShowAsync(id, ct);
        if (Account is null)
            return Page();
        (DisplayName, Roles, Agency) = (displayName, wanted, agency);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct)
    {
        var result = await accounts.ResetPasswordAsync(id);
        if (result.Succeeded)
        {
            await RefreshIfMeAsync(result.User!);
            TemporaryPassword = result.TemporaryPassword;
            AdminForms.DoNotStore(Response);
        }
        return await ShowAsync(id, ct);
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) => SetDisabledAsync(id, true, ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => SetDisabledAsync(id, false, ct);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct)
    {
        if (disabled && IsMe(id))
        {
            Refused = text["Admin_CannotDisableSelf"];
            await ShowAsync(id, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if ((await accounts.SetDisabledAsync(id, disabled)).Succeeded)
            Message = text[disabled ? "Admin_DisabledDone" : "Admin_EnabledDone"];
        return await ShowAsync(id, ct);
    }

    /// <summary>Loads the account for the page; an unknown id gets the page's not-found state and a 404.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        Agencies = await AgencyChoices.LoadAsync(db, ct);
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Account = AdminApi.ToView(user, clock.GetUtcNow());
        LastSignInAt = user.LastSignInAt;
        (DisplayName, Roles, Agency) = (user.DisplayName, user.Roles, user.AgencyCode);
        return Page();
    }

    private bool IsMe(Guid id) => User.ToStaffActor()?.UserId == id;

    /// <summary>Changing one's own account renews the security stamp; re-issue the cookie so the admin stays signed in.</summary>
    private async Task RefreshIfMeAsync(StaffUser user)
    {
        if (IsMe(user.Id))
            await signIn.RefreshSignInAsync(user);
    }
}
