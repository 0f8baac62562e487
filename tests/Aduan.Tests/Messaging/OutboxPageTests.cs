using System.Net;
using Aduan.Messaging;
using Aduan.Staff;
using Aduan.Tests.Admin;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Messaging;

/// <summary>/admin/pesan: failed and waiting messages with masked recipients, and "send again".</summary>
public abstract class OutboxPageTests(AduanApp app)
{
    [Fact]
    public async Task An_admin_sees_a_failed_message_masked_and_sends_it_again()
    {
        var phone = DeliveryTests.Phone("6789");
        var email = $"budi-{Guid.NewGuid():N}@contoh.id";
        var failed = await QueueAsync(MessageChannel.Sms, phone, MessageStatus.Failed, "HTTP 400: Twilio 21211: nomor tidak valid");
        await QueueAsync(MessageChannel.Email, email, MessageStatus.Pending, null);
        using var admin = await app.SignInAsync(await app.CreateAsync(StaffRole.Admin, withTwoFactor: true));

        var html = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/admin/pesan"));

        Assert.Contains(phone[..4] + "****" + phone[^4..], html);
        Assert.Contains("b***@c***.id", html);
        Assert.DoesNotContain(phone, html);
        Assert.DoesNotContain(email, html);
        Assert.Contains("HTTP 400: Twilio 21211: nomor tidak valid", html);
        Assert.Contains("Kirim ulang", html);

        var response = await Infrastructure.Staff.PostFormAsync(admin.Http, "/admin/pesan", new() { ["id"] = failed.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Retry");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pesan dijadwalkan untuk dikirim ulang sekarang.", await response.Content.ReadAsStringAsync());
        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed));
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Null(row.NextAttemptAt);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public async Task Other_staff_and_posts_without_the_form_token_are_refused()
    {
        var id = await QueueAsync(MessageChannel.Sms, DeliveryTests.Phone("7890"), MessageStatus.Failed, "HTTP 400: uji");
        using var operatorSession = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var refused = await operatorSession.Http.GetAsync("/admin/pesan");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/masuk/ditolak", refused.Headers.Location!.PathOnly());
        Assert.Equal("/masuk", (await anonymous.GetAsync("/admin/pesan")).Headers.Location!.PathOnly());
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorSession.Http.GetAsync("/api/admin/messages")).StatusCode);
        var apiRetry = await operatorSession.Http.SendAsync(operatorSession.Request(HttpMethod.Post, $"/api/admin/messages/{id}/retry"));
        Assert.Equal(HttpStatusCode.Forbidden, apiRetry.StatusCode);

        using var admin = await app.SignInAsync(await app.CreateAsync(StaffRole.Admin, withTwoFactor: true));
        var noToken = await admin.Http.PostAsync("/admin/pesan?handler=Retry", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(MessageStatus.Failed, await app.WithDbAsync(db => db.Outbox.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    private Task<long> QueueAsync(MessageChannel channel, string recipient, MessageStatus status, string? error) =>
        app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage { Channel = channel, Recipient = recipient, Body = "Pesan uji", Purpose = "uji-halaman", CreatedAt = DateTimeOffset.UtcNow, Status = status, Attempts = status == MessageStatus.Failed ? 1 : 0, LastError = error };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
}

[Collection(SqliteCollection.Name)]
public sealed class OutboxPageOnSqlite(SqliteApp app) : OutboxPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OutboxPageOnPostgres(PostgresApp app) : OutboxPageTests(app);
