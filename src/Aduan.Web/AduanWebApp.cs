using System.Globalization;
using Aduan.Data;
using Aduan.Web.Api;
using Aduan.Web.Api.Open311;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Aduan.Web;

/// <summary>
/// The web host, top to bottom. Shared by <c>Program</c> (dotnet run) and <c>aduan serve</c>
/// so both start exactly the same application.
/// </summary>
public static class AduanWebApp
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en")];

    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot,
            // Pages live in this assembly even when the CLI is the entry point.
            ApplicationName = typeof(AduanWebApp).Assembly.GetName().Name,
        });
        builder.Services.AddAduan(builder.Configuration);
        var aduan = builder.Configuration.GetSection(AduanOptions.Section).Get<AduanOptions>() ?? new AduanOptions();
        // Keys in the data folder keep sign-in cookies and form tokens valid across restarts.
        builder.Services.AddDataProtection();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<AduanOptions>, ILoggerFactory>((keys, settings, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(settings.Value.DataFolder, "keys")), logs));
        // Room for the photos plus the text fields; larger bodies get a 413 problem+json.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = (aduan.MaxPhotos * aduan.MaxPhotoBytes) + (2 * 1024 * 1024));
        builder.Services.AddScoped<PublicReportQuery>();
        builder.Services.AddScoped<PublicFilter>();
        builder.Services.AddScoped<PublicReportList>();
        builder.Services.AddScoped<OpenDataSource>();
        builder.Services.AddScoped<Pages.Portal.PortalView>();
        builder.Services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCitizenAccess();
        builder.Services.AddScoped<StaffReportQuery>();
        builder.Services.AddSingleton<Surveys.SurveyLinks>();
        builder.Services.AddScoped<Pages.Skm.SkmQuery>();
        builder.Services.AddSingleton<Pages.Staf.MiniMap>();
        builder.Services.AddScoped<Dashboard.DashboardTables>();
        builder.Services.AddStaffAuth();
        builder.Services.AddAduanRateLimits();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto); // trusted from loopback proxies only
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Staf", StaffPolicies.ReadReports);
            options.Conventions.AuthorizeFolder("/Admin", StaffPolicies.Admin);
            options.Conventions.AuthorizeFolder("/Dasbor", StaffPolicies.Dashboard);
            options.Conventions.AuthorizeFolder("/Akun", StaffPolicies.Staff);
            options.Conventions.AuthorizeFolder("/Skm", StaffPolicies.Staff); // /staf/skm/…: each page checks SurveyAccess
        }).AddViewLocalization();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Aduan API";
            document.Info.Description = "Citizen reports: submit, track, list. Indonesian messages by default; send Accept-Language: en for English.";
            return Task.CompletedTask;
        }));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentUICultures = true;
        });

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
            app.UseHsts(); // only ever sent on HTTPS requests, i.e. behind TLS
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Aduan API"));
        app.MapReportsApi();
        app.MapPublicMapApi();
        app.MapOpenDataApi();
        app.MapHistoryApi();
        app.MapCitizenApi();
        app.MapStaffReportsApi();
        app.MapDispatchApi();
        app.MapAdminApi();
        app.MapSurveyApi();
        app.MapScorecardsApi();
        app.MapWhatsAppWebhook();
        app.MapSocialWebhook();
        app.MapXWebhook();
        app.MapSmsWebhook();
        app.MapOpen311();
        app.MapLanguageSwitch();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Migrates, loads the pack into an empty database and adds demo reports when asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var demo = await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().RunAsync(app.Lifetime.ApplicationStopping);
        if (demo.Count > 0)
            PrintDemoAccounts(demo, app.Urls.FirstOrDefault() ?? app.Configuration["urls"]?.Split(';')[0] ?? "http://localhost:5080");
    }

    /// <summary>The demo sign-ins, on the console where whoever started the demo will look.</summary>
    private static void PrintDemoAccounts(IReadOnlyList<Demo.DemoAccount> accounts, string url)
    {
        var console = Console.Out;
        console.WriteLine();
        console.WriteLine($"Demo sign-ins (akun demo) at {url.TrimEnd('/')}/masuk, password for all: {accounts[0].Password}");
        foreach (var account in accounts)
        {
            var notes = new List<string>();
            if (account.Agency is not null)
                notes.Add("agency " + account.Agency);
            if (account.NeedsTwoFactor)
                notes.Add("sets up an authenticator app at first sign-in (the pack requires it)");
            console.WriteLine($"  {account.Role,-9} {account.Email,-28} {string.Join("; ", notes)}");
        }
        console.WriteLine();
    }

    private static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        var tiles = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.TileOrigin;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
        // Our pages use no inline script or style. The API browser at /docs (Scalar) needs inline
        // script and style, so it gets a looser policy of its own; nothing else does.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") || context.Request.Path.StartsWithSegments("/scalar")
            ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
            : $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:{tiles}; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        await next(context);
    });

    /// <summary>
    /// Staff whose role the pack requires to use two-factor sign-in, or who still have a temporary
    /// password, can open nothing but the account page (and sign out) until they have fixed that.
    /// </summary>
    private static void UseTwoFactorEnrolment(this WebApplication app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var staffArea = path.StartsWithSegments("/staf") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/api/staff") || path.StartsWithSegments("/api/admin")
            || (path.Equals("/api/reports") && HttpMethods.IsGet(context.Request.Method))
            || (path.StartsWithSegments("/api/skm") && HttpMethods.IsGet(context.Request.Method));
        if (staffArea && context.User.HasClaim(c => c.Type is Auth.StaffClaims.MustEnrolTwoFactor or Auth.StaffClaims.MustChangePassword))
        {
            if (path.StartsWithSegments("/api"))
            {
                var text = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                await Problems.Write(context, StatusCodes.Status403Forbidden, text["Problem_TwoFactorRequired"]);
                return;
            }
            context.Response.Redirect("/akun/keamanan?wajib=1");
            return;
        }
        await next(context);
    });

    private static void MapLanguageSwitch(this WebApplication app) =>
        app.MapGet("/bahasa/{culture}", (string culture, string? kembali, HttpContext context, IOptions<RequestLocalizationOptions> options) =>
        {
            if (options.Value.SupportedUICultures!.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(kembali is { Length: > 0 } && kembali.StartsWith('/') && !kembali.StartsWith("//", StringComparison.Ordinal) ? kembali : "/");
        }).ExcludeFromDescription();
}
