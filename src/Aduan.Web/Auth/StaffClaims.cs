using System.Globalization;
using System.Security.Claims;
using Aduan.Packs;
using Aduan.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Auth;

/// <summary>Claim types Aduan puts on a staff principal, and how to read an actor back from one.</summary>
public static class StaffClaims
{
    public const string Roles = "aduan:roles";
    public const string Agency = "aduan:agency";
    public const string ApiKeyId = "aduan:key";
    public const string Scope = "aduan:scope";

    /// <summary>Present while a staff member whose role requires two-factor sign-in has not set it up.</summary>
    public const string MustEnrolTwoFactor = "aduan:2fa-setup";

    /// <summary>Present while the person still signs in with a temporary password from an admin.</summary>
    public const string MustChangePassword = "aduan:pw-change";

    /// <summary>The actor behind a principal; null for anonymous callers and citizens.</summary>
    public static StaffActor? ToStaffActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity)
            return null;
        var roles = int.TryParse(principal.FindFirstValue(Roles), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? (StaffRole)bits : StaffRole.None;
        if (identity.AuthenticationType == ApiKeyDefaults.Scheme)
        {
            return new StaffActor
            {
                ApiKeyId = Guid.Parse(principal.FindFirstValue(ApiKeyId)!),
                Name = principal.FindFirstValue(ClaimTypes.Name) ?? "api",
                AgencyCode = principal.FindFirstValue(Agency),
                Scopes = principal.FindAll(Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            };
        }
        if (identity.AuthenticationType != IdentityConstants.ApplicationScheme
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        return new StaffActor
        {
            UserId = userId,
            Name = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name) ?? userId.ToString(),
            Roles = roles,
            AgencyCode = principal.FindFirstValue(Agency),
        };
    }
}

/// <summary>Puts roles, agency and display name into the sign-in cookie, and flags a missing second factor.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options, CurrentPack pack)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.Roles, ((int)user.Roles).ToString(CultureInfo.InvariantCulture)));
        foreach (var role in StaffRoles.Split(user.Roles))
            identity.AddClaim(new Claim(ClaimTypes.Role, StaffRoles.Name(role)));
        if (user.AgencyCode is not null)
            identity.AddClaim(new Claim(StaffClaims.Agency, user.AgencyCode));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        var required = (await pack.GetAsync(CancellationToken.None)).Info.TwoFactorRoles;
        if ((user.Roles & required) != 0 && !user.TwoFactorEnabled)
            identity.AddClaim(new Claim(StaffClaims.MustEnrolTwoFactor, "1"));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(StaffClaims.MustChangePassword, "1"));
        return identity;
    }
}
