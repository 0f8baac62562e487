using System.Security.Claims;
using System.Text.Encodings.Web;
using Aduan.Staff;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Aduan.Web.Auth;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
}

/// <summary>
/// <c>Authorization: Bearer adn_…</c>. A malformed, unknown or revoked key fails authentication
/// (401); a valid key without the scope or agency an endpoint needs is forbidden (403).
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys keys,
    IStringLocalizer<SharedResource> text)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
            return AuthenticateResult.Fail("Invalid or revoked API key.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(StaffClaims.ApiKeyId, key.Id.ToString()),
        };
        if (key.AgencyCode is not null)
            claims.Add(new Claim(StaffClaims.Agency, key.AgencyCode));
        claims.AddRange(key.ScopeSet.Select(s => new Claim(StaffClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, text["Problem_Unauthorized"]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, text["Problem_Forbidden"]);
}
