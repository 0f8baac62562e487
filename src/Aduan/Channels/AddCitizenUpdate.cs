using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.People;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Channels;

/// <summary>
/// A citizen's update on an existing report that a channel client passes on (an Open311 app's
/// posted update). <see cref="MessageId"/> is the client's id for it: the same id twice is one update.
/// </summary>
public sealed record CitizenUpdateInput
{
    public required Channel Channel { get; init; }
    public required string Code { get; init; }
    public required string MessageId { get; init; }
    public required string Text { get; init; }

    /// <summary>The citizen says the problem is not fixed (an Open311 <c>OPEN</c>/<c>REOPEN</c> status).</summary>
    public bool AsksToReopen { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

public enum CitizenUpdateOutcome
{
    /// <summary>The words were added to the timeline for staff.</summary>
    Commented,

    /// <summary>The reporter said a resolved report is not done: it is reopened to the same agency.</summary>
    Reopened,

    /// <summary>This update was taken before: nothing new was made.</summary>
    Repeated,

    NotFound,
}

/// <summary>What came of an update; <see cref="UpdateId"/> is the timeline entry's id (null when not found).</summary>
public sealed record CitizenUpdateResult(CitizenUpdateOutcome Outcome, long? UpdateId);

/// <summary>
/// Adds a citizen's update to a report. A reopen is made only where Aduan's rules allow it: the
/// report is resolved (waiting for the citizen's confirmation) and the update comes from its
/// reporter (same phone or e-mail). Anything else is an internal comment for staff, as every
/// channel's follow-up is; the lead agency (or the operators) hear of it either way.
/// </summary>
public sealed class AddCitizenUpdate(AduanDbContext db, Notifications notifications, ReportSaver saver, TimeProvider clock)
{
    public Task<CitizenUpdateResult> HandleAsync(CitizenUpdateInput input, CancellationToken ct) => TakeAsync(input, retries: 2, ct);

    private async Task<CitizenUpdateResult> TakeAsync(CitizenUpdateInput input, int retries, CancellationToken ct)
    {
        var key = ChannelMessage.KeyOf(input.Channel, "update:" + input.MessageId);
        if (await db.ChannelMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct) is { } seen)
            return new CitizenUpdateResult(CitizenUpdateOutcome.Repeated, await UpdateIdAsync(seen, ct));
        var code = TrackingCode.Parse(input.Code);
        var report = code is null ? null
            : await db.Reports.Include(r => r.Assignments).Include(r => r.Photos).AsSplitQuery().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (report is null)
            return new CitizenUpdateResult(CitizenUpdateOutcome.NotFound, null);

        var now = clock.GetUtcNow();
        var text = input.Text.Trim();
        text = text.Length > Limits.Description ? text[..Limits.Description] : text;
        var reopen = input.AsksToReopen && report.Status == ReportStatus.Resolved && report.CanMoveTo(ReportStatus.Reopened) && await FromReporterAsync(report, input, ct);
        if (reopen)
        {
            report.Reopen(now, "pelapor", text);
            var lead = report.AgencyCode is { } agency && report.ActiveAssignment(agency) is not null ? agency : null;
            await notifications.TellStaffAsync(lead, report, "instansi-laporan-dibuka", new Dictionary<string, string> { ["alasan"] = text }, ct);
        }
        else
        {
            report.Comment(now, "pelapor", text, isPublic: false);
            await notifications.TellStaffAsync(report.AgencyCode, report, "pelapor-menambahkan", new Dictionary<string, string> { ["pesan"] = text }, ct);
        }
        var sequence = report.Version;
        db.ChannelMessages.Add(new ChannelMessage { Key = key, ReportId = report.Id, ReceivedAt = now, UpdateSequence = sequence });
        try
        {
            if ((await saver.SaveAsync(report, ct)).Outcome != WorkOutcome.Done)
                return await RepeatedOrRetryAsync(key, input, retries, ct); // another change won the report's version: take it again
        }
        catch (DbUpdateException)
        {
            // The same update arriving twice at once: the other delivery took it.
            return await RepeatedOrRetryAsync(key, input, retries, ct);
        }
        var update = report.Updates.Single(u => u.Sequence == sequence);
        return new CitizenUpdateResult(reopen ? CitizenUpdateOutcome.Reopened : CitizenUpdateOutcome.Commented, update.Id);
    }

    /// <summary>After a lost race: the winner's answer when it was this update, else one more try on the report as it is now.</summary>
    private async Task<CitizenUpdateResult> RepeatedOrRetryAsync(string key, CitizenUpdateInput input, int retries, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.ChannelMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct) is { } seen)
            return new CitizenUpdateResult(CitizenUpdateOutcome.Repeated, await UpdateIdAsync(seen, ct));
        return retries > 0 ? await TakeAsync(input, retries - 1, ct) : throw new DbUpdateConcurrencyException("The report kept changing while a citizen's update was added.");
    }

    private async Task<long?> UpdateIdAsync(ChannelMessage seen, CancellationToken ct) =>
        seen.ReportId is { } id && seen.UpdateSequence is { } sequence
            ? await db.Updates.AsNoTracking().Where(u => u.ReportId == id && u.Sequence == sequence).Select(u => (long?)u.Id).SingleOrDefaultAsync(ct)
            : null;

    private async Task<bool> FromReporterAsync(Report report, CitizenUpdateInput input, CancellationToken ct)
    {
        var phone = Contact.NormalisePhone(input.Phone);
        var email = Contact.NormaliseEmail(input.Email);
        return report.CitizenId is { } citizenId && (phone is not null || email is not null)
            && await db.Citizens.AsNoTracking().AnyAsync(c => c.Id == citizenId && ((phone != null && c.Phone == phone) || (email != null && c.Email == email)), ct);
    }
}
