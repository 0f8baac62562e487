using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Aduan.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Infrastructure;

/// <summary>A staff member created for a test, with their password.</summary>
public sealed record TestStaff(Guid Id, string Email, string Password, StaffRole Roles, string? Agency);

/// <summary>A signed-in browser-like client: cookies kept, form token at hand for API changes.</summary>
public sealed class StaffClient(HttpClient client, string formToken) : IDisposable
{
    public HttpClient Http { get; } = client;

    /// <summary>The antiforgery token of this session, for changes made with the cookie.</summary>
    public string FormToken { get; } = formToken;

    public HttpRequestMessage Request(HttpMethod method, string url, HttpContent? content = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (withToken)
            request.Headers.Add("RequestVerificationToken", FormToken);
        return request;
    }

    public void Dispose() => Http.Dispose();
}

internal static partial class Staff
{
    public const string Password = "kata-sandi-uji-2026";

    // Real agencies of the dki-jakarta pack: a kota's suku dinas, its parent dinas, and an unrelated one.
    public const string SudinBinaMargaJakpus = "sudin-bina-marga-31-71";
    public const string SudinBinaMargaJaksel = "sudin-bina-marga-31-74";
    public const string DinasBinaMarga = "dinas-bina-marga";
    public const string SudinLingkunganJakpus = "sudin-lingkungan-hidup-31-71";

    public static async Task<TestStaff> CreateAsync(this AduanApp app, StaffRole roles, string? agency = null, bool withTwoFactor = false)
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var email = $"{string.Join('-', StaffRoles.Split(roles).Select(StaffRoles.Name))}-{Guid.NewGuid():N}@uji.aduan.id";
        var result = await accounts.CreateAsync(new NewStaff(email, "Petugas Uji", roles, agency, Password), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code} {e.Detail}")));
        if (withTwoFactor)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(result.User!.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
        }
        return new TestStaff(result.User!.Id, email, Password, roles, agency);
    }

    /// <summary>The current TOTP code of a staff member's authenticator key (RFC 6238, SHA-1, 30 s, 6 digits).</summary>
    public static async Task<string> TotpAsync(this AduanApp app, TestStaff staff)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(staff.Id.ToString()))!);
        return Totp(Base32(key!), DateTimeOffset.UtcNow);
    }

    /// <summary>Signs in through the real /masuk form (and /masuk/dua-langkah when the account has a second factor).</summary>
    public static async Task<StaffClient> SignInAsync(this AduanApp app, TestStaff staff)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostFormAsync(client, "/masuk", new() { ["email"] = staff.Email, ["password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/masuk/dua-langkah", StringComparison.Ordinal))
        {
            response = await PostFormAsync(client, "/masuk/dua-langkah", new() { ["code"] = await app.TotpAsync(staff) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var token = await FormTokenAsync(client, "/akun/keamanan");
        return new StaffClient(client, token);
    }

    /// <summary>A new API key's bearer token.</summary>
    public static async Task<string> CreateKeyAsync(this AduanApp app, string[] scopes, string? agency = null)
    {
        using var scope = app.Services.CreateScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var result = await keys.CreateAsync($"uji-{Guid.NewGuid():N}", scopes, agency, null, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Token!;
    }

    public static HttpClient KeyClient(this AduanApp app, string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GETs a page and posts its form with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? handler = null)
    {
        var token = await FormTokenAsync(client, url);
        fields["__RequestVerificationToken"] = token;
        var target = handler is null ? url : $"{url}?handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> FormTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = FormTokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {url}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    private static string Totp(byte[] key, DateTimeOffset now)
    {
        var step = now.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this mirrors them
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
