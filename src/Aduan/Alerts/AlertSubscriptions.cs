using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Packs;
using Aduan.People;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Alerts;

public sealed record SubscribeResult(IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Subscribing to alerts, confirming and unsubscribing. A request always gets the same answer
/// ("check your mail") whether the address was new, waiting or already confirmed, so the form
/// cannot be used to learn who follows what; an address with many unconfirmed requests gets no
/// more confirmation mails for a day (no mail-bombing through the form).
/// </summary>
public sealed class AlertSubscriptions(AduanDbContext db, AlertMail mail, AreaLocator areas, CategoryDirectory categories, CurrentPack pack, TimeProvider clock)
{
    /// <summary>Unconfirmed requests one address may have from the last 24 hours before no more confirmation mails go to it.</summary>
    public const int MaxUnconfirmedPerDay = 5;

    public async Task<SubscribeResult> SubscribeAsync(string? email, AlertTopic topic, string? target, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var address = Contact.NormaliseEmail(email);
        if (string.IsNullOrWhiteSpace(email))
            errors.Add(new FieldError("email", "Error_Required"));
        else if (address is null)
            errors.Add(new FieldError("email", "Error_Email"));
        var key = await TargetKeyAsync(topic, target, ct);
        if (key is null)
            errors.Add(new FieldError("target", topic switch
            {
                AlertTopic.Report => "Problem_NotFound",
                AlertTopic.Area => "Error_UnknownArea",
                _ => "Error_UnknownCategory",
            }, target ?? ""));
        if (errors.Count > 0)
            return new SubscribeResult(errors);

        var now = clock.GetUtcNow();
        var existing = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Email == address && s.Topic == topic && s.Target == key, ct);
        if (existing is { IsConfirmed: true })
            return new SubscribeResult([]);
        var since = now.AddDays(-1);
        var waiting = await db.AlertSubscriptions.CountAsync(s => s.Email == address && s.ConfirmedAt == null && s.CreatedAt >= since, ct);
        if (waiting >= MaxUnconfirmedPerDay)
            return new SubscribeResult([]);

        var secret = AlertSubscription.NewSecret();
        var subscription = existing ?? new AlertSubscription
        {
            Id = Guid.CreateVersion7(now),
            Email = address!,
            Topic = topic,
            Target = key!,
            TokenHash = "",
        };
        subscription.TokenHash = AlertSubscription.Hash(secret);
        subscription.CreatedAt = now;
        if (existing is null)
            db.AlertSubscriptions.Add(subscription);
        await mail.QueueAsync(subscription, "peringatan-konfirmasi", "Aduan: konfirmasi peringatan / confirm your alert",
            _ => new Dictionary<string, string> { ["tautan"] = mail.ConfirmLink(subscription, secret) }, ct);
        await db.SaveChangesAsync(ct);
        return new SubscribeResult([]);
    }

    public Task<AlertSubscription?> FindAsync(Guid id, CancellationToken ct) =>
        db.AlertSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>Confirms with the secret from the confirmation mail; alerts start from now (nothing older is mailed).</summary>
    public async Task<bool> ConfirmAsync(Guid id, string? secret, CancellationToken ct)
    {
        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null || !subscription.HasSecret(secret))
            return false;
        if (subscription.IsConfirmed)
            return true;
        var now = clock.GetUtcNow();
        subscription.ConfirmedAt = now;
        if (subscription.Topic == AlertTopic.Report)
        {
            subscription.LastSequence = await db.Reports.Where(r => r.Code == subscription.Target).Select(r => r.Version).SingleOrDefaultAsync(ct);
        }
        else
        {
            subscription.DigestedUntil = now;
            subscription.NextDigestAt = AlertSchedule.NextDigest(await pack.GetAsync(ct), now);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Deletes the subscription when the token is its unsubscribe token.</summary>
    public async Task<bool> UnsubscribeAsync(Guid id, string? token, CancellationToken ct)
    {
        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null || !subscription.HasUnsubscribeToken(token))
            return false;
        db.AlertSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The stored form of the target, or null when there is no such report, area or (active) category.</summary>
    private async Task<string?> TargetKeyAsync(AlertTopic topic, string? target, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(target))
            return null;
        target = target.Trim();
        switch (topic)
        {
            case AlertTopic.Report:
                var code = TrackingCode.Parse(target);
                return code is not null && await db.Reports.AnyAsync(r => r.Code == code, ct) ? code : null;
            case AlertTopic.Area:
                return (await areas.LineageAsync(target, ct)).Count > 0 ? target : null;
            default:
                return await categories.FindAsync(target, ct) is { IsActive: true } ? target : null;
        }
    }
}
