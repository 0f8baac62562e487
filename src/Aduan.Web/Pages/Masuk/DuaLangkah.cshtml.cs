using Aduan.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Masuk;

/// <summary>The second step for staff with an authenticator app: a 6-digit TOTP code.</summary>
public sealed class DuaLangkahModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public string? ReturnUrl { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kembali)
    {
        ReturnUrl = kembali;
        // Only reachable between a correct password and the code.
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Masuk/Index") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? kembali)
    {
        ReturnUrl = kembali;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToPage("/Masuk/Index");
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(clean, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await MasukModel.SignedInAsync(users, user, kembali, clock, Url);
    }
}
