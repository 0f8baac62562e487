using System.Net;
using Aduan.Messaging;
using Aduan.People;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Messaging;

/// <summary>
/// The channel is decided when a message is sent (<see cref="ReplyFallback"/>): Messenger and
/// Instagram within Meta's 24-hour window, a staff member's words within 7 days with the
/// <c>HUMAN_AGENT</c> tag, otherwise the citizen's phone by SMS or their e-mail, otherwise a failure
/// at once with the reason for the admins. Against the stand-in providers, on both databases.
/// </summary>
public abstract class FallbackTests(AduanApp app)
{
    private readonly FakeProviders _providers = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task Within_24_hours_of_the_citizens_last_message_Messenger_carries_an_automatic_answer()
    {
        var user = NewUser();
        var id = await QueueSocialAsync("fb", user, "status-berubah", wroteAgo: TimeSpan.FromHours(2));

        await DeliverAsync();

        var request = Assert.Single(_providers.Requests, r => r.Provider == "meta" && r.Recipient == user);
        Assert.Contains("\"messaging_type\":\"RESPONSE\"", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("HUMAN_AGENT", request.Body, StringComparison.Ordinal);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Social), await StateAsync(id));
    }

    [Theory]
    [InlineData("fb", "perlu-informasi")]
    [InlineData("ig", "laporan-selesai")]
    public async Task Within_7_days_a_staff_members_words_go_with_metas_human_agent_tag(string network, string purpose)
    {
        var user = NewUser();
        var id = await QueueSocialAsync(network, user, purpose, wroteAgo: TimeSpan.FromDays(3), phone: DeliveryTests.Phone("1357"));

        await DeliverAsync();

        var request = Assert.Single(_providers.Requests, r => r.Provider == "meta" && r.Recipient == user);
        Assert.Contains("\"messaging_type\":\"MESSAGE_TAG\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"tag\":\"HUMAN_AGENT\"", request.Body, StringComparison.Ordinal);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Social), await StateAsync(id)); // the phone is not needed
    }

    [Fact]
    public async Task After_24_hours_an_automatic_answer_goes_by_SMS_to_the_phone_the_citizen_gave()
    {
        var (user, phone) = (NewUser(), DeliveryTests.Phone("2468"));
        var id = await QueueSocialAsync("fb", user, "status-berubah", wroteAgo: TimeSpan.FromDays(2), phone: phone, email: $"warga-{Guid.NewGuid():N}@contoh.id");

        await DeliverAsync();

        Assert.DoesNotContain(_providers.Requests, r => r.Provider == "meta" && r.Recipient == user);
        var sms = Assert.Single(_providers.To(phone));
        Assert.Equal("twilio", sms.Provider);
        Assert.Equal("Status laporan uji", sms.Text);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Sms), await StateAsync(id));
        Assert.Equal(phone, await app.WithDbAsync(db => db.Outbox.Where(m => m.Id == id).Select(m => m.Recipient).SingleAsync()));
    }

    [Fact]
    public async Task After_7_days_even_a_staff_members_words_go_by_e_mail_when_there_is_no_phone()
    {
        var (user, email) = (NewUser(), $"warga-{Guid.NewGuid():N}@contoh.id");
        var id = await QueueSocialAsync("ig", user, "laporan-selesai", wroteAgo: TimeSpan.FromDays(8), email: email);

        await DeliverAsync();

        Assert.DoesNotContain(_providers.Requests, r => r.Provider == "meta" && r.Recipient == user);
        var mail = Assert.Single(_providers.Mail, m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal("[ABCDE-FGHJK] Aduan", mail.Subject);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Email), await StateAsync(id));
    }

    [Fact]
    public async Task With_no_phone_or_e_mail_it_fails_at_once_and_the_admin_reads_why()
    {
        var user = NewUser();
        var id = await QueueSocialAsync("fb", user, "status-berubah", wroteAgo: TimeSpan.FromDays(2));

        await DeliverAsync();

        Assert.DoesNotContain(_providers.Requests, r => r.Provider == "meta" && r.Recipient == user);
        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((MessageStatus.Failed, 1, MessageChannel.Social), (row.Status, row.Attempts, row.Channel));
        Assert.StartsWith(ReplyFallback.NoChannelKey + ": Meta accepts an automatic message within 24 hours", row.LastError, StringComparison.Ordinal);
        using var admin = await app.SignInAsync(await app.CreateAsync(StaffRole.Admin, withTwoFactor: true));
        var html = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/admin/pesan"));
        Assert.Contains("Tidak terkirim: kanal pelapor tidak dapat membawa pesan ini sekarang", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_comment_reply_is_never_moved_to_another_channel()
    {
        var comment = NewUser();
        var id = await app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage { Channel = MessageChannel.Social, Recipient = $"fb:comment:{comment}", Body = "Laporan Anda tercatat.", Purpose = "sosial-diterima", CreatedAt = DateTimeOffset.UtcNow };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

        await DeliverAsync();

        Assert.Single(_providers.Requests, r => r.Provider == "meta" && r.Recipient == comment);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Social), await StateAsync(id));
    }

    private static string NewUser() => Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..^1] + "1";

    /// <summary>A message about a citizen's report, queued for their Messenger or Instagram conversation; they last wrote <paramref name="wroteAgo"/> ago.</summary>
    private Task<long> QueueSocialAsync(string network, string user, string purpose, TimeSpan wroteAgo, string? phone = null, string? email = null) =>
        app.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var address = $"{network}:dm:m_{Guid.NewGuid():N}:{user}";
            var citizen = new Citizen { Phone = phone, Email = email, ChannelAddress = address, CreatedAt = now };
            db.Citizens.Add(citizen);
            db.ChannelContacts.Add(new ChannelContact { Address = $"{network}:{user}", LastInboundAt = now - wroteAgo });
            var message = new OutboxMessage
            {
                Channel = MessageChannel.Social,
                Recipient = address,
                Subject = "[ABCDE-FGHJK] Aduan",
                Body = "Status laporan uji",
                Purpose = purpose,
                CitizenId = citizen.Id,
                CreatedAt = now,
            };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    private Task<DeliveryRound> DeliverAsync() => app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    private Task<(MessageStatus, MessageChannel)> StateAsync(long id) =>
        app.WithDbAsync(async db => await db.Outbox.Where(m => m.Id == id).Select(m => new { m.Status, m.Channel }).SingleAsync() is var row ? (row.Status, row.Channel) : default);
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class FallbackOnSqlite(DeliverySqliteApp app) : FallbackTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class FallbackOnPostgres(DeliveryPostgresApp app) : FallbackTests(app);
