using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Aduan.Data;
using Aduan.People;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web;

public sealed record CitizenCodeRequest(string? Contact);

public sealed record CitizenSignIn(string? Contact, string? Code);

public sealed record CitizenContactChange(string? Name, string? Phone, string? Email, string? Code);

public sealed record CodeSent(bool Sent, int ExpiresInMinutes);

public sealed record CitizenSession(string Contact);

/// <summary>
/// Citizens have no account: they prove control of a phone or e-mail with a one-time code
/// (<see cref="CitizenCodes"/>) and get a short "Citizen" cookie that shows them their own reports
/// and lets them change their contact details. Used by the API below and the /saya page.
/// </summary>
public static class CitizenAccess
{
    public const string Scheme = "Citizen";
    public const string ContactClaim = "aduan:contact";
    public const int MaxReports = 200;

    public static IServiceCollection AddCitizenAccess(this IServiceCollection services)
    {
        services.AddScoped<ChangeCitizenContact>();
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "aduan.warga";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.IsEssential = true;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/saya";
            cookie.AccessDeniedPath = "/saya";
            cookie.Events.OnRedirectToLogin = context => ApiOrPage(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiOrPage(context, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    public static void MapCitizenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/warga").WithTags("Citizens");
        var citizen = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
        api.MapPost("/kode", RequestCodeAsync)
            .WithSummary("Send a one-time code to a phone number or e-mail address (same answer whether or not it has reports)")
            .Accepts<CitizenCodeRequest>("application/json")
            .Produces<CodeSent>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/masuk", SignInWithCodeAsync)
            .WithSummary("Sign in as a citizen with the code; sets the aduan.warga cookie")
            .Accepts<CitizenSignIn>("application/json")
            .Produces<CitizenSession>()
            .ProducesValidationProblem();
        api.MapGet("/laporan", ListOwnReportsAsync)
            .WithSummary("The signed-in citizen's own reports, newest first")
            .Produces<List<PublicReport>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(citizen);
        api.MapGet("/kontak", (ClaimsPrincipal user, ChangeCitizenContact handler, CancellationToken ct) => handler.CurrentAsync(ContactOf(user)!, ct))
            .WithSummary("The signed-in citizen's name, phone and e-mail")
            .Produces<CitizenContact>()
            .RequireAuthorization(citizen);
        api.MapPut("/kontak", ChangeContactAsync)
            .WithSummary("Change the name; a new phone or e-mail needs a code sent to it (POST /api/warga/kode first)")
            .Accepts<CitizenContactChange>("application/json")
            .Produces<CitizenContact>()
            .ProducesValidationProblem()
            .RequireAuthorization(citizen);
        api.MapPost("/keluar", async (HttpContext context) =>
        {
            await context.SignOutAsync(Scheme);
            return TypedResults.NoContent();
        }).WithSummary("Sign the citizen out");
    }

    /// <summary>The normalised contact a citizen signed in with; null when not signed in as a citizen.</summary>
    public static string? ContactOf(ClaimsPrincipal? user) =>
        user?.Identities.FirstOrDefault(i => i is { IsAuthenticated: true, AuthenticationType: Scheme })?.FindFirst(ContactClaim)?.Value;

    public static Task SignInAsync(HttpContext context, string contact) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ContactClaim, contact)], Scheme)));

    /// <summary>Reports whose reporter row carries the contact, newest first. Their own, so confidential ones too.</summary>
    public static async Task<List<PublicReport>> OwnReportsAsync(AduanDbContext db, PublicReportQuery views, string contact, CancellationToken ct)
    {
        var citizens = db.Citizens.OwnedBy(contact).Select(c => (Guid?)c.Id);
        var reports = await db.Reports.AsNoTracking().AsSplitQuery()
            .Include(r => r.Updates).Include(r => r.Photos)
            .Where(r => citizens.Contains(r.CitizenId))
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Take(MaxReports)
            .ToListAsync(ct);
        var list = new List<PublicReport>(reports.Count);
        foreach (var report in reports)
            list.Add(await views.ToViewAsync(report, ct));
        return list;
    }

    /// <summary>The problem+json for a code that did not check out: field "code", a message per outcome.</summary>
    public static IResult CodeProblem(CodeVerification check, IStringLocalizer<SharedResource> text)
    {
        var field = check.Outcome == CodeCheck.InvalidContact ? "contact" : "code";
        var message = Problems.Message(new FieldError(field, CitizenCodes.MessageKey(check.Outcome), check.AttemptsLeft), text);
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: message,
            extensions: new Dictionary<string, object?>
            {
                ["outcome"] = JsonNamingPolicy.CamelCase.ConvertName(check.Outcome.ToString()),
                ["attemptsLeft"] = check.AttemptsLeft,
            });
    }

    private static async Task<IResult> RequestCodeAsync(HttpContext context, CitizenCodes codes, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<CitizenCodeRequest>(context.Request, text, ct);
        if (problem is not null)
            return problem;
        var result = await codes.RequestAsync(body!.Contact, ct);
        return result.Status switch
        {
            CodeRequestStatus.Sent => TypedResults.Json(new CodeSent(true, (int)CitizenCodes.Lifetime.TotalMinutes), statusCode: StatusCodes.Status202Accepted),
            CodeRequestStatus.TooManyRequests => TooManyCodes(context, result, clock, text),
            _ => Problems.Validation(result.Errors, text),
        };
    }

    private static IResult TooManyCodes(HttpContext context, CodeRequestResult result, TimeProvider clock, IStringLocalizer<SharedResource> text)
    {
        var seconds = (int)Math.Ceiling((result.RetryAt!.Value - clock.GetUtcNow()).TotalSeconds);
        context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, Problems.Message(result.Errors[0], text));
    }

    private static async Task<IResult> SignInWithCodeAsync(HttpContext context, CitizenCodes codes, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<CitizenSignIn>(context.Request, text, ct);
        if (problem is not null)
            return problem;
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body!.Contact))
            missing.Add(new FieldError("contact", "Error_Required"));
        if (string.IsNullOrWhiteSpace(body.Code))
            missing.Add(new FieldError("code", "Error_Required"));
        if (missing.Count > 0)
            return Problems.Validation(missing, text);
        var check = await codes.VerifyAsync(body.Contact, body.Code, ct);
        if (!check.Verified)
            return CodeProblem(check, text);
        await SignInAsync(context, check.Contact!);
        return TypedResults.Ok(new CitizenSession(check.Contact!));
    }

    private static async Task<IResult> ListOwnReportsAsync(ClaimsPrincipal user, AduanDbContext db, PublicReportQuery views, CancellationToken ct) =>
        TypedResults.Ok(await OwnReportsAsync(db, views, ContactOf(user)!, ct));

    private static async Task<IResult> ChangeContactAsync(HttpContext context, ChangeCitizenContact handler, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<CitizenContactChange>(context.Request, text, ct);
        if (problem is not null)
            return problem;
        var signedInAs = ContactOf(context.User)!;
        var result = await handler.HandleAsync(signedInAs, new ChangeContactInput(body!.Name, body.Phone, body.Email, body.Code), ct);
        if (!result.Succeeded)
            return Problems.Validation(result.Errors, text);
        if (result.SignedInAs != signedInAs)
            await SignInAsync(context, result.SignedInAs!);
        return TypedResults.Ok(result.Contact);
    }

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, IStringLocalizer<SharedResource> text, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, text["Citizen_JsonOnly"]));
        // Syntax first, then values: a cut-off body is "not JSON", a number where text belongs names its field.
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return (null, Problems.Validation([new FieldError("body", "Error_MalformedJson")], text));
        }
        using (document)
        {
            try
            {
                var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                var body = document.Deserialize<T>(options);
                return body is null ? (null, Problems.Validation([new FieldError("body", "Error_MalformedJson")], text)) : (body, null);
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                return (null, Problems.Validation([new FieldError(field, field == "body" ? "Error_MalformedJson" : "Error_JsonValue")], text));
            }
        }
    }

    private static Task ApiOrPage(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect("/saya");
            return Task.CompletedTask;
        }
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return Problems.Write(context.HttpContext, status, text["Citizen_SignInRequired"]);
    }
}
