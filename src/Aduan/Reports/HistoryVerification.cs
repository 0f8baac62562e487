using Aduan.Data;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Reports;

/// <summary>Why a report's <see cref="HistoryChain"/> does not hold.</summary>
public enum HistoryProblem
{
    /// <summary>An update's stored hash does not match its recomputed content (edited, or never sealed).</summary>
    Changed,

    /// <summary>A gap in the sequence numbers: an update was deleted.</summary>
    Missing,

    /// <summary>A sequence number repeats or goes backwards: an update was added or reordered by hand.</summary>
    Extra,

    /// <summary>The newest hash is not the report's head: the newest updates were deleted, or the head edited.</summary>
    HeadMismatch,
}

/// <summary>
/// One link of the chain as anyone may see it. Digest and hash are always given (the chain can
/// be followed without reading a word); kind, status and text only for public updates, never
/// the actor of any update.
/// </summary>
public sealed record HistoryEntry(int Sequence, DateTimeOffset At, bool IsPublic, string Digest, string? Hash, UpdateKind? Kind, ReportStatus? Status, string? Text);

/// <summary>
/// The server's verdict on a report's history: <see cref="BrokenAt"/> is the first sequence that
/// fails (for <see cref="HistoryProblem.HeadMismatch"/>: the first missing one after the newest
/// update, or the newest itself when the head was edited).
/// </summary>
public sealed record HistoryVerdict(string Code, bool Valid, int Updates, string? Head, int? BrokenAt, HistoryProblem? Problem, IReadOnlyList<HistoryEntry> Entries);

/// <summary>
/// Recomputes a report's <see cref="HistoryChain"/> from what the database holds now, so a
/// change made outside the app (by hand, in SQL) shows where it happened.
/// </summary>
public sealed class HistoryVerification(AduanDbContext db)
{
    /// <summary>Null for an unknown code (<paramref name="code"/> is the stored form, see <see cref="TrackingCode.Parse"/>).</summary>
    public async Task<HistoryVerdict?> VerifyAsync(string code, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Code == code)
            .Select(r => new { r.Id, r.Code, r.HistoryHead, r.Version })
            .SingleOrDefaultAsync(ct);
        if (report is null)
            return null;
        // Straight from the table, not through the report: what is stored is what is checked.
        var updates = await db.Updates.AsNoTracking()
            .Where(u => u.ReportId == report.Id)
            .OrderBy(u => u.Sequence).ThenBy(u => u.Id)
            .ToListAsync(ct);
        return Check(report.Code, updates, report.HistoryHead, report.Version);
    }

    /// <summary>The verdict on <paramref name="updates"/>, ordered by sequence as stored.</summary>
    public static HistoryVerdict Check(string code, IReadOnlyList<Update> updates, string? head, int version)
    {
        var entries = new List<HistoryEntry>(updates.Count);
        (int At, HistoryProblem Problem)? broken = null;
        var previous = HistoryChain.Genesis;
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            var digest = HistoryChain.Digest(update);
            entries.Add(Entry(update, digest));
            if (broken is not null)
                continue;
            var expected = i + 1;
            if (update.Sequence > expected)
                broken = (expected, HistoryProblem.Missing);
            else if (update.Sequence < expected)
                broken = (update.Sequence, HistoryProblem.Extra);
            else if (update.Hash != HistoryChain.Link(previous, digest))
                broken = (update.Sequence, HistoryProblem.Changed);
            previous = update.Hash ?? "";
        }
        if (broken is null && (updates.Count > 0 ? updates[^1].Hash : null) != head)
            broken = (version > updates.Count ? updates.Count + 1 : Math.Max(updates.Count, 1), HistoryProblem.HeadMismatch);
        return new HistoryVerdict(code, broken is null, updates.Count, head, broken?.At, broken?.Problem, entries);
    }

    private static HistoryEntry Entry(Update update, string digest) => update.IsPublic
        ? new HistoryEntry(update.Sequence, update.At, true, digest, update.Hash, update.Kind, update.ToStatus, Profanity.Mask(update.Text))
        : new HistoryEntry(update.Sequence, update.At, false, digest, update.Hash, null, null, null);
}
