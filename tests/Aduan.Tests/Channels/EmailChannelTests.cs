using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Aduan.Tests.Channels;

/// <summary>
/// The e-mail channel against a real IMAP server (Dovecot) and a real SMTP server: a mail becomes
/// a report with its photos, a reply becomes an update, the answer threads under the citizen's mail.
/// </summary>
public abstract class EmailChannelTests(AduanApp app)
{
    private readonly TestMailbox _mailbox = ((IEmailChannelApp)app).Mailbox;
    private readonly FakeProvidersView _providers = new(((IEmailChannelApp)app).Providers);

    [Fact]
    public async Task A_mail_becomes_one_report_with_its_photo_and_without_the_signature_even_when_read_twice()
    {
        var from = Address();
        var mail = Mail(from, "Lampu jalan mati", """
            Selamat pagi,

            Lampu jalan di depan Jl. Cikini Raya no. 73 sudah mati tiga hari, gelap sekali malam hari.

            --
            Budi Santoso
            Ketua RT 05
            """, withPhoto: true);

        await _mailbox.DeliverAsync(mail);
        var first = await ReadAsync();
        await _mailbox.DeliverAsync(mail); // the same mail again (e.g. a crash before it was marked seen)
        var second = await ReadAsync();

        Assert.Equal((1, 0), (first.Filed, first.Failed));
        Assert.Equal((0, 1), (second.Filed, second.Repeated));
        Assert.Equal(0, await _mailbox.UnseenAsync());
        var report = await ReportOfAsync(from);
        Assert.Equal(Channel.Email, report.Channel);
        Assert.Contains("Lampu jalan di depan Jl. Cikini Raya", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Ketua RT", report.Description, StringComparison.Ordinal);
        Assert.Single(report.Photos);
        Assert.Equal("Budi Santoso", await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == report.CitizenId).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_reply_to_our_message_is_added_to_the_report_and_our_answer_threads_under_the_citizens_mail()
    {
        var from = Address();
        var original = Mail(from, "Sampah menumpuk", "Sampah menumpuk di pinggir kali Ciliwung dekat jembatan, sudah seminggu tidak diangkut.");
        await _mailbox.DeliverAsync(original);
        await ReadAsync();
        var report = await ReportOfAsync(from);
        var code = TrackingCode.Format(report.Code);

        // Our answer (the intake's acknowledgement with the tracking code) goes by e-mail, threaded under their mail.
        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var answer = Assert.Single(_providers.MailTo(from));
        Assert.Equal(original.MessageId, answer.InReplyTo);
        Assert.Contains(original.MessageId, answer.References);
        Assert.Contains($"[{code}]", answer.Subject, StringComparison.Ordinal);
        Assert.Contains(code, answer.TextBody, StringComparison.Ordinal);

        // The citizen answers it: quoted text and all, as mail programs send it.
        var reply = Mail(from, "Re: " + answer.Subject, $"""
            Sampahnya sekarang sudah sampai ke badan jalan.

            Pada Sen, 30 Nov 2026 pukul 09.00 Aduan <aduan@uji.aduan.id> menulis:
            > Terima kasih, laporan Anda sudah kami terima dengan nomor {code}.
            """);
        reply.InReplyTo = answer.MessageId;
        await _mailbox.DeliverAsync(reply);
        var round = await ReadAsync();

        Assert.Equal(1, round.Updated);
        var updated = await app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Updates).SingleAsync(r => r.Id == report.Id));
        var line = updated.Updates.OrderBy(u => u.Sequence).Last();
        Assert.Equal(("pelapor", "Sampahnya sekarang sudah sampai ke badan jalan."), (line.Actor, line.Text));
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.Channel == Channel.Email && r.CitizenId != null && db.Citizens.Any(c => c.Id == r.CitizenId && c.Email == from))));
    }

    [Fact]
    public async Task A_mail_with_nothing_usable_files_nothing_and_is_not_read_again()
    {
        var from = Address();
        await _mailbox.DeliverAsync(Mail(from, "", " "));

        var round = await ReadAsync();

        Assert.Equal(1, round.Refused);
        Assert.Equal(0, await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.Email == from)));
        Assert.Equal(0, (await ReadAsync()).Refused);
    }

    private static string Address() => $"warga-{Guid.NewGuid():N}@example.id";

    private static MimeMessage Mail(string from, string subject, string text, bool withPhoto = false)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.id") };
        mail.From.Add(new MailboxAddress(from.StartsWith("warga-", StringComparison.Ordinal) ? "Budi Santoso" : "", from));
        mail.To.Add(new MailboxAddress("Aduan", "aduan@uji.aduan.id"));
        var body = new BodyBuilder { TextBody = text };
        if (withPhoto)
            body.Attachments.Add("lampu.png", Samples.UniquePng(), new ContentType("image", "png"));
        mail.Body = body.ToMessageBody();
        return mail;
    }

    private async Task<EmailRound> ReadAsync() => await app.Services.GetRequiredService<EmailIntake>().RunOnceAsync(CancellationToken.None);

    private Task<Report> ReportOfAsync(string email) => app.WithDbAsync(db =>
        db.Reports.AsNoTracking().AsSplitQuery().Include(r => r.Photos).Include(r => r.Updates)
            .SingleAsync(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.Email == email)));

    private sealed class FakeProvidersView(Messaging.FakeProviders providers)
    {
        public List<MimeMessage> MailTo(string address) =>
            [.. providers.Mail.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];
    }
}

public sealed class MailTextTests
{
    [Fact]
    public void Quoted_replies_signatures_and_sent_from_lines_are_cut()
    {
        Assert.Equal("Masih banjir.", MailText.Clean("Masih banjir.\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Aduan <a@b.id> wrote:\r\n> Status laporan"));
        Assert.Equal("Masih banjir.", MailText.Clean("Masih banjir.\n\nDikirim dari iPhone saya"));
        Assert.Equal("Masih banjir.\n\nTerima kasih.", MailText.Clean("Masih banjir.\n> kutipan\n\nTerima kasih.\n-- \nBudi"));
        Assert.Equal("Masih banjir.", MailText.Clean("Masih banjir.\n-----Original Message-----\nFrom: Aduan"));
    }

    [Fact]
    public void An_html_only_mail_keeps_its_words_without_tags_scripts_or_the_quoted_message()
    {
        var text = MailText.FromHtml("<html><style>p{}</style><body><p>Jalan berlubang</p><div>di Jl. Kramat</div><blockquote>Status laporan lama</blockquote><script>x()</script></body></html>");
        Assert.Equal("Jalan berlubang\n\ndi Jl. Kramat", MailText.Clean(text));
    }
}

[Collection(EmailChannelSqliteCollection.Name)]
public sealed class EmailChannelOnSqlite(EmailChannelSqliteApp app) : EmailChannelTests(app);

[Collection(EmailChannelPostgresCollection.Name)]
public sealed class EmailChannelOnPostgres(EmailChannelPostgresApp app) : EmailChannelTests(app);
