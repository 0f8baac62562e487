using Aduan.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Masuk;

/// <summary>
/// Staff sign-in. Every failure (unknown e-mail, wrong password, locked or disabled account) gets
/// the same message, and wrong passwords count toward the lockout.
/// </summary>
public sealed class MasukModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public string? Email { get; private set; }
    public string? ReturnUrl { get; private set; }
    public bool Failed { get; private set; }

    public void OnGet(string? kembali) => ReturnUrl = kembali;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? kembali)
    {
        (Email, ReturnUrl) = (email?.Trim(), kembali);
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(password))
            return Fail();
        var result = await signIn.PasswordSignInAsync(Email.ToLowerInvariant(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Masuk/DuaLangkah", new { kembali });
        if (!result.Succeeded)
            return Fail();
        var user = await users.FindByNameAsync(Email.ToLowerInvariant());
        return await SignedInAsync(users, user!, kembali, clock, Url);
    }

    /// <summary>Records the sign-in and sends the person where they were going, or to their start page.</summary>
    internal static async Task<IActionResult> SignedInAsync(UserManager<StaffUser> users, StaffUser user, string? returnUrl, TimeProvider clock, IUrlHelper url)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        if (!string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl))
            return new LocalRedirectResult(returnUrl);
        return new LocalRedirectResult(user.Roles == StaffRole.Admin ? "/admin" : "/staf");
    }

    private PageResult Fail()
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
