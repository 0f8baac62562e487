using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Infrastructure;

/// <summary>
/// What the dispatch tests do over and over: a citizen submits, an operator verifies (which
/// dispatches by the routing table), staff sign in and take steps over HTTP, and the test reads
/// the report, its coordinations and the outbox straight from the app's database.
/// </summary>
internal sealed partial class DispatchDesk(AduanApp app)
{
    // Real agencies of the dki-jakarta pack (Monas is in Gambir, Jakarta Pusat).
    public const string BinaMargaPusat = "sudin-bina-marga-31-71";
    public const string BinaMargaSelatan = "sudin-bina-marga-31-74";
    public const string LingkunganHidupPusat = "sudin-lingkungan-hidup-31-71";
    public const string SatpolPpPusat = "satpol-pp-31-71";

    public static readonly StaffActor Operator = new() { Name = "operator-disposisi@uji.aduan.id", Roles = StaffRole.Operator };

    public AduanApp App => app;

    public static string UniquePhone() => "0813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A citizen's report at Monas (kelurahan Gambir), with the phone given (none when null: no contact at all).</summary>
    public async Task<string> SubmitAsync(string category, string? phone, string? what = null)
    {
        var body = Samples.Report($"{what ?? "Jalan berlubang besar di depan halte"} ({Guid.NewGuid():N}).");
        body["category"] = category;
        body.Remove("email");
        if (phone is null)
        {
            body.Remove("phone");
            body.Remove("name");
        }
        else
        {
            body["phone"] = phone;
        }
        using var client = app.CreateClient();
        var response = await client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    /// <summary>The operator verifies through the triage actions, which dispatch by the routing table.</summary>
    public async Task VerifyAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<ReportAccess>();
        var result = await scope.ServiceProvider.GetRequiredService<TriageActions>()
            .VerifyAsync(Operator, await access.ScopeForAsync(Operator, CancellationToken.None), code, null, CancellationToken.None);
        Assert.Equal(TriageOutcome.Done, result.Outcome);
    }

    /// <summary>Submitted and verified: a jalan-rusak report at Monas is dispatched to Suku Dinas Bina Marga Jakarta Pusat.</summary>
    public async Task<string> DispatchedAsync(string category = "jalan-rusak", string? phone = "")
    {
        var code = await SubmitAsync(category, phone == "" ? UniquePhone() : phone);
        await VerifyAsync(code);
        return code;
    }

    public async Task<(StaffClient Session, TestStaff Staff)> SignInAsync(StaffRole roles, string? agency = null)
    {
        var staff = await app.CreateAsync(roles, agency);
        return (await app.SignInAsync(staff), staff);
    }

    public Task<Report> LoadAsync(string code) => app.WithDbAsync(db =>
        db.Reports.AsNoTracking().AsSplitQuery().Include(r => r.Updates).Include(r => r.Assignments).Include(r => r.Photos).Include(r => r.Rating)
            .SingleAsync(r => r.Code == code.Replace("-", "")));

    public Task<List<Coordination>> CoordinationsAsync(string code) => app.WithDbAsync(async db =>
    {
        var id = await db.Reports.Where(r => r.Code == code.Replace("-", "")).Select(r => r.Id).SingleAsync();
        return await db.Coordinations.AsNoTracking().Where(c => c.ReportId == id).OrderBy(c => c.Id).ToListAsync();
    });

    /// <summary>The outbox messages about one report with one purpose (every message carries the report's code).</summary>
    public Task<List<OutboxMessage>> OutboxAsync(string code, string purpose) => app.WithDbAsync(async db =>
        (await db.Outbox.AsNoTracking().Where(m => m.Purpose == purpose).ToListAsync())
            .Where(m => m.Body.Contains(code, StringComparison.Ordinal)).ToList());

    /// <summary>The secret of the link <c>/lacak/{code}/tanggapan?t=…</c> in the newest message of that purpose.</summary>
    public async Task<string> LinkTokenAsync(string code, string purpose)
    {
        var message = Assert.Single(await OutboxAsync(code, purpose));
        var match = LinkPattern().Match(message.Body);
        Assert.True(match.Success, $"no answer link in: {message.Body}");
        Assert.Equal(code, match.Groups["code"].Value);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    /// <summary>The citizen's POST /api/reports/{code}/answer or /confirmation, without any session.</summary>
    public async Task<HttpResponseMessage> CitizenAsync(string code, string step, object body)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync($"/api/reports/{code}/{step}", body);
    }

    [GeneratedRegex(@"/lacak/(?<code>[A-Z0-9-]+)/tanggapan\?t=(?<token>[A-Za-z0-9_\-%=]+)")]
    private static partial Regex LinkPattern();
}

internal static class StaffSteps
{
    /// <summary>POST /api/staff/reports/{code}/{step} with a JSON <c>WorkRequest</c>.</summary>
    public static Task<HttpResponseMessage> StepAsync(this StaffClient session, string code, string step, object? body = null) =>
        session.Http.SendAsync(session.Request(HttpMethod.Post, $"/api/staff/reports/{code}/{step}", JsonContent.Create(body ?? new { })));

    public static Task<HttpResponseMessage> ReadAsync(this StaffClient session, string code) =>
        session.Http.GetAsync($"/api/staff/reports/{code}");

    public static async Task<JsonElement> ViewAsync(this StaffClient session, string code)
    {
        var response = await session.ReadAsync(code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>POST /resolve as the staff app sends it: summary, the evidence photo and where the phone was.</summary>
    public static Task<HttpResponseMessage> ResolveAsync(this StaffClient session, string code, double? latitude, double? longitude, bool withPhoto = true, int? version = null)
    {
        var form = new MultipartFormDataContent { { new StringContent("Lubang sudah ditambal dan diaspal ulang."), "summary" } };
        if (withPhoto)
        {
            var photo = new ByteArrayContent(Samples.UniquePng());
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(photo, "photo", "selesai.png");
        }
        if (latitude is { } lat)
            form.Add(new StringContent(lat.ToString(System.Globalization.CultureInfo.InvariantCulture)), "latitude");
        if (longitude is { } lon)
            form.Add(new StringContent(lon.ToString(System.Globalization.CultureInfo.InvariantCulture)), "longitude");
        if (version is { } v)
            form.Add(new StringContent(v.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
        return session.Http.SendAsync(session.Request(HttpMethod.Post, $"/api/staff/reports/{code}/resolve", form));
    }

    /// <summary>Resolves at the reported spot (Monas) and checks it worked.</summary>
    public static async Task<JsonElement> ResolveAtTheSpotAsync(this StaffClient session, string code)
    {
        var response = await session.ResolveAsync(code, Samples.MonasLatitude, Samples.MonasLongitude);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A 409 problem with the report's current state in its extensions.</summary>
    public static async Task<JsonElement> ConflictAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    /// <summary>The agency's newest part in the view.</summary>
    public static JsonElement Part(this JsonElement view, string agency) =>
        view.GetProperty("parts").EnumerateArray().Last(p => p.GetProperty("agency").GetString() == agency);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
