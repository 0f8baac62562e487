using Aduan.Staff;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Auth;

/// <summary>Policy names; the rules behind them are in <see cref="StaffAuth.AddStaffAuth"/>.</summary>
public static class StaffPolicies
{
    /// <summary>Signed-in staff (cookie) of any role.</summary>
    public const string Staff = "staff";

    /// <summary>Staff or API keys that may read reports (everyone but a pure admin, keys with reports:read).</summary>
    public const string ReadReports = "reports.read";

    /// <summary>Admins, signed in with a cookie (keys never administer).</summary>
    public const string Admin = "admin";

    /// <summary>The leaders' dashboard: leaders and admins, and agency heads for their own agencies; signed in with a cookie.</summary>
    public const string Dashboard = "dashboard";
}

public static class StaffAuth
{
    /// <summary>Chooses the API key handler when a bearer token is sent, the sign-in cookie otherwise.</summary>
    public const string StaffScheme = "staff-or-key";

    public static IServiceCollection AddStaffAuth(this IServiceCollection services)
    {
        services.AddIdentityCore<StaffUser>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        // Role or agency changes, resets and disabling end open sessions at the next check.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(options =>
        {
            options.DefaultScheme = StaffScheme;
            options.DefaultChallengeScheme = StaffScheme;
            options.DefaultForbidScheme = StaffScheme;
            options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
        })
            .AddPolicyScheme(StaffScheme, "Staff cookie or API key", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyDefaults.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyDefaults.Scheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = "aduan.staf";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(9); // a working day
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/masuk";
                cookie.LogoutPath = "/keluar";
                cookie.AccessDeniedPath = "/masuk/ditolak";
                cookie.ReturnUrlParameter = "kembali";
                cookie.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized, "Problem_Unauthorized");
                cookie.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden, "Problem_Forbidden");
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.ToStaffActor() is { Roles: not StaffRole.None }))
            .AddPolicy(StaffPolicies.ReadReports, policy => policy
                .AddAuthenticationSchemes(StaffScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.ToStaffActor() is { } actor
                    && (actor.IsApiKey ? actor.HasScope(ApiScopes.ReportsRead) : (actor.Roles & ~StaffRole.Admin) != 0)))
            .AddPolicy(StaffPolicies.Dashboard, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.ToStaffActor() is { } actor && Dashboard.DashboardTables.MayView(actor)))
            .AddPolicy(StaffPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.ToStaffActor() is { } actor && actor.Has(StaffRole.Admin)));
        return services;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status, string title)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return Problems.Write(context.HttpContext, status, text[title]);
    }
}
