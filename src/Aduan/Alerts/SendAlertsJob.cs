using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Portal;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Alerts;

/// <summary>When area and category digests go out: once a day at 07:00 in the pack's time zone.</summary>
public static class AlertSchedule
{
    public static readonly TimeOnly DigestTime = new(7, 0);

    /// <summary>The first 07:00 (local) strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDigest(PackSnapshot pack, DateTimeOffset now)
    {
        var local = pack.ToLocal(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= DigestTime)
            day = day.AddDays(1);
        var at = day.ToDateTime(DigestTime);
        return new DateTimeOffset(at, pack.TimeZone.GetUtcOffset(at)).ToUniversalTime();
    }
}

/// <summary>
/// Every few minutes: a mail to each confirmed follower of a report whose public status changed
/// (one mail per round with the newest status, however many steps it took), and, once a day, a
/// digest of an area's or a category's new public reports (none when there were none). Each
/// subscription is saved on its own with its cursor as a concurrency token, so two servers never
/// send the same mail twice: the second one's save fails and its message goes with it.
/// </summary>
public sealed class SendAlertsJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, ILogger<SendAlertsJob> log) : PeriodicJob(clock, log)
{
    /// <summary>Most reports listed in one digest; the mail links to the rest.</summary>
    public const int DigestItems = 10;

    private const int Batch = 500;

    protected override bool Enabled => options.Value.BackgroundAlerts;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round: how many status mails and how many digests were queued.</summary>
    public async Task<(int StatusMails, int Digests)> RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        List<Guid> followers, digests;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            // The report's version is the sequence of its newest update: a cheap "something happened since".
            followers = await (
                from s in db.AlertSubscriptions
                where s.Topic == AlertTopic.Report && s.ConfirmedAt != null
                join r in db.Reports on s.Target equals r.Code
                where r.Version > s.LastSequence
                orderby s.Id
                select s.Id).Take(Batch).ToListAsync(ct);
            digests = await db.AlertSubscriptions
                .Where(s => s.Topic != AlertTopic.Report && s.ConfirmedAt != null && s.NextDigestAt <= now)
                .OrderBy(s => s.NextDigestAt).Select(s => s.Id).Take(Batch).ToListAsync(ct);
        }
        var mails = 0;
        foreach (var id in followers)
            mails += await InScopeAsync(id, (services, db, s) => StatusMailAsync(services, db, s, ct), ct) ? 1 : 0;
        var sent = 0;
        foreach (var id in digests)
            sent += await InScopeAsync(id, (services, db, s) => DigestAsync(services, db, s, now, ct), ct) ? 1 : 0;
        return (mails, sent);
    }

    private async Task<bool> InScopeAsync(Guid id, Func<IServiceProvider, AduanDbContext, AlertSubscription, Task<bool>> work, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
            return false; // unsubscribed meanwhile
        try
        {
            var queued = await work(scope.ServiceProvider, db, subscription);
            await db.SaveChangesAsync(ct);
            return queued;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another server handled it (or the citizen unsubscribed) in between
        }
    }

    private static async Task<bool> StatusMailAsync(IServiceProvider services, AduanDbContext db, AlertSubscription subscription, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Where(r => r.Code == subscription.Target)
            .Select(r => new { r.Id, r.Code, r.Version }).SingleAsync(ct);
        var changes = await db.Updates.AsNoTracking()
            .Where(u => u.ReportId == report.Id && u.Sequence > subscription.LastSequence && u.IsPublic && u.ToStatus != null)
            .OrderByDescending(u => u.Sequence).Select(u => u.ToStatus).FirstOrDefaultAsync(ct);
        subscription.LastSequence = report.Version;
        if (changes is not { } status)
            return false; // only comments, internal notes or photos: nothing public changed status
        var mail = services.GetRequiredService<AlertMail>();
        var link = $"{mail.BaseUrl}/lacak/{TrackingCode.Format(report.Code)}";
        return await mail.QueueAsync(subscription, "peringatan-status", $"[{TrackingCode.Format(report.Code)}] Aduan: status",
            language => new Dictionary<string, string>
            {
                ["status"] = (language == "en" ? StatusNames.English : StatusNames.Indonesian)[status],
                ["tautan"] = link,
                ["kode"] = TrackingCode.Format(report.Code),
            }, ct);
    }

    private static async Task<bool> DigestAsync(IServiceProvider services, AduanDbContext db, AlertSubscription subscription, DateTimeOffset now, CancellationToken ct)
    {
        if (subscription.NextDigestAt > now)
            return false;
        var pack = await services.GetRequiredService<CurrentPack>().GetAsync(ct);
        var since = subscription.DigestedUntil ?? subscription.ConfirmedAt ?? now;
        var reports = db.Reports.AsNoTracking().Listed().Where(r => r.ReceivedAt >= since && r.ReceivedAt < now);
        var target = subscription.Target;
        reports = subscription.Topic == AlertTopic.Area
            ? reports.Where(r => r.AreaCode == target || r.AreaCode!.StartsWith(target + "."))
            : reports.Where(r => r.CategoryCode == target);
        var count = await reports.CountAsync(ct);
        var newest = count == 0 ? [] : await reports.OrderByDescending(r => r.ReceivedAt).Take(DigestItems)
            .Select(r => new { r.Code, r.ReceivedAt }).ToListAsync(ct);
        subscription.DigestedUntil = now;
        subscription.NextDigestAt = AlertSchedule.NextDigest(pack, now);
        if (count == 0)
            return false;
        var mail = services.GetRequiredService<AlertMail>();
        var list = string.Join("\n", newest.Select(r =>
            $"- {TrackingCode.Format(r.Code)} ({pack.ToLocal(r.ReceivedAt):yyyy-MM-dd HH:mm} {pack.ZoneAbbreviation}): {mail.BaseUrl}/lacak/{TrackingCode.Format(r.Code)}"));
        var from = pack.ToLocal(since).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var all = subscription.Topic == AlertTopic.Area
            ? $"{mail.BaseUrl}/wilayah/{target}?dari={from}"
            : $"{mail.BaseUrl}/peta?kategori={Uri.EscapeDataString(target)}&dari={from}";
        return await mail.QueueAsync(subscription, "peringatan-ringkasan", "Aduan: laporan baru / new reports",
            _ => new Dictionary<string, string>
            {
                ["jumlah"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["daftar"] = list,
                ["tautan"] = all,
                ["sejak"] = $"{pack.ToLocal(since):yyyy-MM-dd HH:mm} {pack.ZoneAbbreviation}",
            }, ct);
    }
}
