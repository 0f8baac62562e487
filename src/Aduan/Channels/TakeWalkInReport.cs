using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;

namespace Aduan.Channels;

/// <summary>
/// Where an operator took a report in person or by phone. The code is kept on the report as the
/// first internal timeline line after its submission ("diterima di loket: …"), so no column is needed.
/// </summary>
public static class WalkInSessions
{
    public const string CallCentre = "call-center";

    /// <summary>Session codes with the words written on the timeline, in the order the form offers them.</summary>
    public static readonly IReadOnlyList<(string Code, string Words)> All =
    [
        ("kecamatan-sabtu", "layanan Sabtu di kantor kecamatan"),
        ("kelurahan-minggu", "layanan Minggu di kantor kelurahan"),
        ("pendopo-balai-kota", "pendopo Balai Kota (07.00-09.00)"),
        ("inspektorat", "Inspektorat (07.00-09.00)"),
        ("balai-warga", "Balai Warga"),
        ("aspirasi-dprd", "penyampaian aspirasi DPRD"),
        (CallCentre, "call center (telepon)"),
    ];

    public static string? WordsOf(string? code) => All.FirstOrDefault(s => s.Code == code?.Trim().ToLowerInvariant()).Words;

    public static string TimelineLine(string code) => $"diterima di loket: {WordsOf(code)}";
}

/// <summary>
/// A report an operator files on a citizen's behalf at a walk-in session or the call centre: the same
/// <see cref="SubmitReport"/> as every channel, on <see cref="Channel.WalkIn"/> or <see cref="Channel.CallCentre"/>,
/// with the session on the timeline and <c>laporan-diterima</c> queued when the citizen left a phone or e-mail.
/// </summary>
public sealed class TakeWalkInReport(AduanDbContext db, SubmitReport submit, Notifications notifications, CategoryDirectory categories, TimeProvider clock)
{
    public async Task<SubmitReportResult> HandleAsync(SubmitReportInput input, string? session, string actor, CancellationToken ct)
    {
        if (WalkInSessions.WordsOf(session) is null)
            return new SubmitReportResult(null, false, [new FieldError("session", "Error_WalkInSession")]);
        var code = session!.Trim().ToLowerInvariant();
        var channel = code == WalkInSessions.CallCentre ? Channel.CallCentre : Channel.WalkIn;
        var result = await submit.HandleAsync(input with { Channel = channel }, ct);
        if (!result.Succeeded || result.Replayed)
            return result;
        var report = result.Report!;
        report.Comment(clock.GetUtcNow(), actor, WalkInSessions.TimelineLine(code), isPublic: false);
        await ChannelIntake.AcknowledgeAsync(notifications, categories, report, ct);
        await db.SaveChangesAsync(ct);
        return result;
    }
}
