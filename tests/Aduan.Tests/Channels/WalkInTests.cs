using System.Net;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Channels;

/// <summary>The walk-in and call-centre desk at /staf/loket, through its real form.</summary>
public abstract class WalkInTests(AduanApp app)
{
    [Theory]
    [InlineData("kecamatan-sabtu", Channel.WalkIn, "layanan Sabtu di kantor kecamatan")]
    [InlineData("call-center", Channel.CallCentre, "call center")]
    public async Task An_operator_files_a_report_for_a_citizen_with_its_session_and_gets_the_code_to_read_out(string session, Channel channel, string words)
    {
        using var desk = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var phone = DispatchDesk.UniquePhone();

        var response = await Infrastructure.Staff.PostFormAsync(desk.Http, "/staf/loket", new()
        {
            ["session"] = session,
            ["description"] = $"Warga melaporkan trotoar rusak di depan Pasar Baru ({Guid.NewGuid():N}).",
            ["category"] = "jalan-rusak",
            ["address"] = "Jl. Pasar Baru, Sawah Besar",
            ["name"] = "Ibu Sri",
            ["phone"] = phone,
            ["visibility"] = "anonim",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/staf/loket?kode=", location, StringComparison.Ordinal);
        var code = location["/staf/loket?kode=".Length..];
        var page = await desk.Http.GetStringAsync(location);
        Assert.Contains($"<p class=\"code big\">{code}</p>", page, StringComparison.Ordinal);
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Updates).SingleAsync(r => r.Code == code.Replace("-", "")));
        Assert.Equal((channel, ReportVisibility.Anonymous, "jalan-rusak"), (report.Channel, report.Visibility, report.CategoryCode));
        var line = report.Updates.OrderBy(u => u.Sequence).Skip(1).First();
        Assert.False(line.IsPublic);
        Assert.StartsWith("diterima di loket: ", line.Text, StringComparison.Ordinal);
        Assert.Contains(words, line.Text, StringComparison.Ordinal);
        var ack = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == phone));
        Assert.Equal("laporan-diterima", ack.Purpose);
        Assert.Contains(code, ack.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_without_a_session_is_refused_with_the_reason_on_the_form()
    {
        using var desk = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var description = $"Lampu taman mati di Taman Suropati ({Guid.NewGuid():N}).";

        var response = await Infrastructure.Staff.PostFormAsync(desk.Http, "/staf/loket", new() { ["description"] = description });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Pilih sesi layanan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.Description == description)));
    }

    [Theory]
    [InlineData(StaffRole.AgencyOfficer)]
    [InlineData(StaffRole.Verifier)]
    public async Task Staff_who_are_not_operators_cannot_open_or_post_the_desk(StaffRole role)
    {
        using var staff = await app.SignInAsync(await app.CreateAsync(role, role == StaffRole.AgencyOfficer ? Infrastructure.Staff.SudinBinaMargaJakpus : null));
        var description = $"Laporan yang tidak boleh masuk ({Guid.NewGuid():N}).";

        var page = await staff.Http.GetAsync("/staf/loket");
        var post = await staff.Http.PostAsync("/staf/loket", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["session"] = "balai-warga",
            ["description"] = description,
            ["__RequestVerificationToken"] = staff.FormToken,
        }));

        foreach (var refused in new[] { page, post })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/masuk/ditolak", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.Description == description)));
    }
}

[Collection(SmsSqliteCollection.Name)]
public sealed class WalkInOnSqlite(SmsSqliteApp app) : WalkInTests(app);

[Collection(SmsPostgresCollection.Name)]
public sealed class WalkInOnPostgres(SmsPostgresApp app) : WalkInTests(app);
