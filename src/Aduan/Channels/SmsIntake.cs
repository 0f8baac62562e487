using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.People;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Channels;

/// <summary>One inbound SMS (or MMS) as a gateway delivered it: its id at the provider, the sender, the text, the attachments.</summary>
public sealed record SmsMessage(string MessageId, string From, string Body)
{
    public IReadOnlyList<SmsMedia> Media { get; init; } = [];
}

public enum SmsAnswer
{
    /// <summary>A report was filed; its tracking code is on its way back.</summary>
    Filed,

    /// <summary>The follow-up was added to the sender's own report.</summary>
    Updated,

    /// <summary>The status of the named report (or that there is none) is on its way back.</summary>
    Status,

    /// <summary>Nothing usable: a polite request for details is on its way back.</summary>
    AskedForDetails,

    /// <summary>The provider delivered this message before: nothing new was made or sent.</summary>
    Repeated,
}

/// <summary>
/// The SMS channel behind every gateway's webhook: reads the message's grammar (<see cref="SmsCommand"/>),
/// files reports and follow-ups through <see cref="ChannelIntake"/>, and answers STATUS questions and
/// unusable messages by SMS. Every message is taken once: a redelivery answers <see cref="SmsAnswer.Repeated"/>.
/// </summary>
public sealed class SmsIntake(AduanDbContext db, ChannelIntake intake, CategoryDirectory categories, Notifications notifications, SmsPhotos mms, TimeProvider clock)
{
    public async Task<SmsAnswer> ReceiveAsync(SmsMessage sms, CancellationToken ct)
    {
        var key = ChannelMessage.KeyOf(Channel.Sms, sms.MessageId);
        if (await db.ChannelMessages.AnyAsync(m => m.Key == key, ct) || await db.Reports.AnyAsync(r => r.IdempotencyKey == key, ct))
            return SmsAnswer.Repeated;
        var command = SmsCommand.Parse(sms.Body);
        switch (command.Kind)
        {
            case SmsKind.Status:
                return await AnswerStatusAsync(sms, key, command.Code, ct);
            case SmsKind.Empty:
                return await AskForDetailsAsync(sms, key, ct);
        }
        var category = command.Kind == SmsKind.Report ? await FindCategoryAsync(command.Category, ct) : null;
        var text = command.Category is { } word && category is null ? $"{word}: {command.Text}" : command.Text; // triage reads an unknown word
        // Fetched only now: a redelivery, a STATUS question or an unusable message fetches nothing.
        var photos = sms.Media.Count == 0 ? new SmsPhotoSet([], null) : await mms.FetchAsync(sms.Media, sms.MessageId, ct);
        var result = await intake.ReceiveAsync(new InboundMessage
        {
            Channel = Channel.Sms,
            MessageId = sms.MessageId,
            Phone = sms.From,
            Text = text,
            Address = command.Address,
            Category = category,
            ReplyToCode = command.Code,
            Photos = photos.Photos,
            StaffNote = photos.Note,
        }, ct);
        return result.Outcome switch
        {
            IntakeOutcome.Filed => SmsAnswer.Filed,
            IntakeOutcome.Updated => SmsAnswer.Updated,
            IntakeOutcome.Repeated => SmsAnswer.Repeated,
            _ => await AskForDetailsAsync(sms, key, ct),
        };
    }

    /// <summary>A category by its code or its name in either language; null when the pack has no such active category.</summary>
    private async Task<string?> FindCategoryAsync(string? word, CancellationToken ct)
    {
        if (word is null)
            return null;
        var all = await categories.AllAsync(ct);
        return all.FirstOrDefault(c => c.IsActive && (string.Equals(c.Code, word, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.Name, word, StringComparison.OrdinalIgnoreCase) || string.Equals(c.NameEn, word, StringComparison.OrdinalIgnoreCase)))?.Code;
    }

    /// <summary>The public status, as the track page shows it to anyone who has the code.</summary>
    private async Task<SmsAnswer> AnswerStatusAsync(SmsMessage sms, string key, string? code, CancellationToken ct)
    {
        var report = code is null ? null : await db.Reports.AsNoTracking().Where(r => r.Code == code).Select(r => new { r.Id, r.Code, r.Status }).SingleOrDefaultAsync(ct);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kode"] = code is null ? "" : TrackingCode.Format(code),
            ["tautan"] = notifications.TrackLink(code ?? ""),
        };
        if (report is not null)
            fields["status"] = StatusNames.Indonesian[report.Status];
        await ReplyAsync(sms, report is null ? "laporan-tidak-ditemukan" : "status-berubah", fields, ct);
        return await RecordAsync(key, report?.Id, SmsAnswer.Status, ct);
    }

    private async Task<SmsAnswer> AskForDetailsAsync(SmsMessage sms, string key, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // nothing of a refused message is kept but the record that it came
        await ReplyAsync(sms, "laporan-kurang-lengkap", new Dictionary<string, string>(StringComparer.Ordinal), ct);
        return await RecordAsync(key, null, SmsAnswer.AskedForDetails, ct);
    }

    private async Task ReplyAsync(SmsMessage sms, string template, Dictionary<string, string> fields, CancellationToken ct)
    {
        // A sender whose number is not an Indonesian mobile one still gets an answer at the number they wrote from.
        var to = Contact.NormalisePhone(sms.From) ?? sms.From.Trim();
        if (to.Length > 0)
            await notifications.TellSenderAsync(MessageChannel.Sms, to, template, fields, ct);
    }

    /// <summary>The message is taken together with its answer: a redelivery finds the record and sends nothing.</summary>
    private async Task<SmsAnswer> RecordAsync(string key, Guid? reportId, SmsAnswer answer, CancellationToken ct)
    {
        db.ChannelMessages.Add(new ChannelMessage { Key = key, ReportId = reportId, ReceivedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return SmsAnswer.Repeated;
        }
        return answer;
    }
}
