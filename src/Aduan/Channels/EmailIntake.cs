using System.Text;
using System.Text.RegularExpressions;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Aduan.Channels;

/// <summary>
/// The e-mail channel: reads the city's mailbox over IMAP (MailKit) every
/// <see cref="ImapSettings.PollSeconds"/>; each unseen mail goes to <see cref="ChannelIntake"/>
/// (a new report with its image attachments as photos, or, when it answers one of our messages,
/// an update on that report) and is then marked seen. A mail is known by its Message-Id, so one
/// read twice (a crash before marking it seen) makes nothing new.
/// </summary>
public sealed partial class EmailIntake(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, IOptions<AduanOptions> aduan, TimeProvider clock, ILogger<EmailIntake> log)
    : PeriodicJob(clock, log)
{
    private readonly ImapSettings _imap = options.Value.Imap;

    protected override bool Enabled => aduan.Value.BackgroundEmailIntake && IsConfigured;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(_imap.PollSeconds);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_imap.Host);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One read of the mailbox: what each mail came to.</summary>
    public async Task<EmailRound> RunOnceAsync(CancellationToken ct)
    {
        var round = new EmailRound();
        if (!IsConfigured)
            return round;
        using var client = new ImapClient { Timeout = options.Value.TimeoutSeconds * 1000 };
        await client.ConnectAsync(_imap.Host!, _imap.Port, _imap.Tls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        }, ct);
        await client.AuthenticateAsync(_imap.User!, _imap.Password!, ct);
        var folder = await client.GetFolderAsync(_imap.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen, ct);
        foreach (var uid in unseen.Take(_imap.BatchSize))
        {
            var mail = await folder.GetMessageAsync(uid, ct);
            try
            {
                var outcome = await TakeAsync(mail, $"imap-{folder.UidValidity}-{uid.Id}", ct);
                round.Count(outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept for support; marked seen so one broken mail does not stop the mailbox.
                log.LogError(ex, "E-mail {Uid} from {From} could not be taken; it is marked seen and flagged. Headers: {Headers}", uid, mail.From, mail.Headers.ToString());
                await folder.AddFlagsAsync(uid, MessageFlags.Flagged, silent: true, ct);
                round.Failed++;
            }
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);
        }
        await client.DisconnectAsync(quit: true, ct);
        return round;
    }

    private async Task<IntakeOutcome> TakeAsync(MimeMessage mail, string fallbackId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = mail.From.Mailboxes.FirstOrDefault();
        var answers = await AnsweredCodeAsync(scope.ServiceProvider.GetRequiredService<AduanDbContext>(), mail, ct);
        var words = MailText.Clean(Body(mail));
        // Many write the problem in the subject: a new report keeps it as its first line.
        var subject = mail.Subject?.Trim();
        if (answers is null && !string.IsNullOrEmpty(subject) && !words.Contains(subject, StringComparison.OrdinalIgnoreCase))
            words = words.Length == 0 ? subject : $"{subject}\n\n{words}";
        var message = new InboundMessage
        {
            Channel = Channel.Email,
            MessageId = string.IsNullOrWhiteSpace(mail.MessageId) ? fallbackId : mail.MessageId,
            Email = sender?.Address,
            Name = string.IsNullOrWhiteSpace(sender?.Name) ? null : sender.Name,
            Text = words,
            Photos = Photos(mail),
            ReplyToCode = answers,
        };
        var result = await scope.ServiceProvider.GetRequiredService<ChannelIntake>().ReceiveAsync(message, ct);
        return result.Outcome;
    }

    /// <summary>The report a mail answers: a tracking code in its subject ("Re: [ABCDE-FGHJK] Aduan"), else the code of our message it replies to.</summary>
    private static async Task<string?> AnsweredCodeAsync(AduanDbContext db, MimeMessage mail, CancellationToken ct)
    {
        if (CodeInSubject().Match(mail.Subject ?? "") is { Success: true } match)
            return match.Groups["code"].Value;
        var ours = mail.References.Append(mail.InReplyTo ?? "").Select(id => OutboxId().Match(id)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (ours.Count == 0)
            return null;
        var subjects = await db.Outbox.AsNoTracking().Where(m => ours.Contains(m.Id) && m.Subject != null).Select(m => m.Subject!).ToListAsync(ct);
        return subjects.Select(s => CodeInSubject().Match(s)).FirstOrDefault(m => m.Success)?.Groups["code"].Value;
    }

    private static string Body(MimeMessage mail)
    {
        if (mail.TextBody is { } text)
            return text;
        return mail.HtmlBody is { } html ? MailText.FromHtml(html) : "";
    }

    private static List<PhotoUpload> Photos(MimeMessage mail) =>
        [.. mail.Attachments.OfType<MimePart>().Concat(mail.BodyParts.OfType<MimePart>().Where(p => p.ContentDisposition?.Disposition == ContentDisposition.Inline))
            .Where(p => p.Content is not null && p.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Select(p =>
            {
                using var bytes = new MemoryStream();
                p.Content!.DecodeTo(bytes);
                return new PhotoUpload(p.FileName ?? "foto", bytes.ToArray());
            })];

    [GeneratedRegex(@"\[(?<code>[A-Z0-9]{5}-[A-Z0-9]{5})\]", RegexOptions.IgnoreCase)]
    private static partial Regex CodeInSubject();

    [GeneratedRegex(@"^aduan-outbox-(?<id>\d{1,18})@")]
    private static partial Regex OutboxId();
}

/// <summary>What one read of the mailbox did.</summary>
public sealed class EmailRound
{
    public int Filed { get; set; }
    public int Updated { get; set; }
    public int Repeated { get; set; }
    public int Refused { get; set; }
    public int Failed { get; set; }

    public void Count(IntakeOutcome outcome)
    {
        switch (outcome)
        {
            case IntakeOutcome.Filed: Filed++; break;
            case IntakeOutcome.Updated: Updated++; break;
            case IntakeOutcome.Repeated: Repeated++; break;
            default: Refused++; break;
        }
    }

    public override string ToString() => $"{Filed} reports filed, {Updated} updates, {Repeated} already taken, {Refused} without usable text, {Failed} failed";
}

/// <summary>The citizen's own words from a mail: without the quoted message they answer, their signature or "sent from my phone".</summary>
public static partial class MailText
{
    public static string Clean(string body)
    {
        var kept = new List<string>();
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            // Everything below these lines is the quoted message or a signature.
            if (line == "--" || line == "-- " || raw == "-- " || QuoteHeader().IsMatch(line) || SentFrom().IsMatch(line))
                break;
            if (line.StartsWith('>'))
                continue;
            kept.Add(line);
        }
        return string.Join('\n', kept).Trim();
    }

    /// <summary>The text of an HTML-only mail: the data between tags, a line break for each block.</summary>
    public static string FromHtml(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var (script, quoted) = (false, 0);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style:
                    script = !tag.IsEndTag;
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.BlockQuote:
                    // A quoted message the citizen answers: not their words.
                    quoted = Math.Max(0, quoted + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when !script && quoted == 0:
                    text.Append(data.Data);
                    break;
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^(On .+ wrote:|Pada .+ menulis:|-{2,}\s*(Original Message|Pesan Asli)\s*-{2,}|From: .+|Dari: .+|_{10,})$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"^(Sent from my .+|Dikirim dari .+|Get Outlook for .+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SentFrom();
}
