using System.Globalization;
using System.Text;
using Aduan.Packs;
using Aduan.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Aduan.Web.Pages.Akun;

/// <summary>
/// A staff member's own security: set up the authenticator app (TOTP, any app such as Google
/// Authenticator or Aegis) and change the password.
/// </summary>
public sealed class KeamananModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, CurrentPack pack, IStringLocalizer<SharedResource> text) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public bool TwoFactorRequired { get; private set; }
    public bool MustEnrol { get; private set; }
    public bool MustChangePassword { get; private set; }
    public bool CodeError { get; private set; }
    public string? Message { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public List<string> PasswordErrors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? wajib)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await LoadAsync(user);
        MustEnrol = wajib == "1" && !TwoFactorEnabled && TwoFactorRequired;
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            CodeError = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user); // drops the "must set up" mark from the cookie
        await LoadAsync(user);
        Message = text["Security_TwoFactorEnabled"];
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await LoadAsync(user);
        if (TwoFactorRequired)
            return Forbid();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        Message = text["Security_TwoFactorDisabled"];
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? next)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (result.Succeeded && user.MustChangePassword)
        {
            user.MustChangePassword = false;
            result = await users.UpdateAsync(user);
        }
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(user);
            Message = text["Security_PasswordChanged"];
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            foreach (var error in result.Errors)
            {
                var localized = text["Identity_" + error.Code];
                PasswordErrors.Add(localized.ResourceNotFound ? error.Description : localized.Value);
            }
        }
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(StaffUser user)
    {
        MustChangePassword = user.MustChangePassword;
        TwoFactorEnabled = user.TwoFactorEnabled;
        TwoFactorRequired = (user.Roles & (await pack.GetAsync(HttpContext.RequestAborted)).Info.TwoFactorRoles) != 0;
        if (TwoFactorEnabled)
            return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key also renews the security stamp; re-issue the cookie so this session survives it.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        FormattedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var issuer = "Aduan " + (await pack.GetAsync(HttpContext.RequestAborted)).Info.DisplayName;
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
