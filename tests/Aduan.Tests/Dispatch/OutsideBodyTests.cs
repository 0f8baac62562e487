using System.Net;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aduan.Tests.Infrastructure.DispatchDesk;

namespace Aduan.Tests.Dispatch;

/// <summary>A report the lead agency forwards to PLN: each step of the coordination tracked, and reminders while PLN is silent.</summary>
public abstract class OutsideBodyTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task A_report_forwarded_to_PLN_is_acknowledged_reminded_about_and_answered()
    {
        var (lead, leadStaff) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();

        var notABody = await lead.StepAsync(code, "forward", new { body = BinaMargaSelatan });
        Assert.Equal(HttpStatusCode.BadRequest, notABody.StatusCode);
        Assert.Equal(["body"], await notABody.ProblemFieldsAsync());
        var forwarded = await lead.StepAsync(code, "forward", new { body = "pln", note = "Kabel listrik menjuntai di atas lubang" }).OkAsync();

        Assert.Equal("ForwardedToOutsideBody", forwarded.Text("status"));
        var sent = Assert.Single(forwarded.GetProperty("coordinations").EnumerateArray());
        Assert.Equal(("pln", "Sent"), (sent.Text("body"), sent.Text("status")));
        var id = sent.GetProperty("id").GetInt64();
        Assert.Equal(BinaMargaPusat, Assert.Single(await _desk.CoordinationsAsync(code)).ForwardedByAgency);

        var acknowledged = await lead.StepAsync(code, $"coordinations/{id}/acknowledge", new { reference = "PLN-UID-JKT-0042" }).OkAsync();
        var step = Assert.Single(acknowledged.GetProperty("coordinations").EnumerateArray());
        Assert.Equal(("Acknowledged", "PLN-UID-JKT-0042"), (step.Text("status"), step.Text("reference")));
        Assert.Equal("ForwardedToOutsideBody", acknowledged.Text("status"));
        Assert.Equal("ForwardedToOutsideBody", (await lead.StepAsync(code, $"coordinations/{id}/acknowledge", new { reference = "lagi" }).ConflictAsync()).Text("status"));

        await MakeReminderDueAsync(id);
        await app.Services.GetRequiredService<FollowUpJob>().RunOnceAsync(CancellationToken.None);
        await app.Services.GetRequiredService<FollowUpJob>().RunOnceAsync(CancellationToken.None); // the next one is 48 hours away

        var reminded = Assert.Single(await _desk.CoordinationsAsync(code));
        Assert.Equal(1, reminded.Reminders);
        Assert.True(reminded.NextReminderAt > DateTimeOffset.UtcNow.AddHours(47));
        var report = await _desk.LoadAsync(code);
        Assert.Single(report.Updates, u => u.Kind == UpdateKind.Coordination && !u.IsPublic && u.Actor == "sistem" && u.Text!.StartsWith("pengingat ke-1", StringComparison.Ordinal));
        Assert.Contains(await _desk.OutboxAsync(code, "koordinasi-pengingat"), m => m.Recipient == leadStaff.Email);

        var answered = await lead.StepAsync(code, $"coordinations/{id}/answer", new { answer = "Kabel sudah diamankan petugas PLN." }).OkAsync();

        Assert.Equal("InProgress", answered.Text("status"));
        var done = Assert.Single(answered.GetProperty("coordinations").EnumerateArray());
        Assert.Equal("Answered", done.Text("status"));
        Assert.Equal(JsonValueKindNull, done.GetProperty("nextReminderAt").ValueKind);
    }

    [Fact]
    public async Task A_coordination_of_another_report_is_not_found()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var forwardedElsewhere = await _desk.DispatchedAsync("gangguan-listrik");
        var id = Assert.Single(await _desk.CoordinationsAsync(forwardedElsewhere)).Id;
        var code = await _desk.DispatchedAsync();

        var response = await lead.StepAsync(code, $"coordinations/{id}/acknowledge", new { reference = "X" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(CoordinationStatus.Sent, Assert.Single(await _desk.CoordinationsAsync(forwardedElsewhere)).Status);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private Task<int> MakeReminderDueAsync(long coordinationId) => app.WithDbAsync(db =>
        db.Coordinations.Where(c => c.Id == coordinationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextReminderAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class OutsideBodyOnSqlite(DispatchSqliteApp app) : OutsideBodyTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class OutsideBodyOnPostgres(DispatchPostgresApp app) : OutsideBodyTests(app);
