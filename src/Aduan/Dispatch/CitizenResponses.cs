using System.Security.Cryptography;
using System.Text;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Dispatch;

public enum CitizenLinkState
{
    /// <summary>The link is valid and something is asked: an answer, or "is it really done?".</summary>
    Open,

    /// <summary>Nothing is asked any more (answered, confirmed, closed); the page shows the current state.</summary>
    NothingAsked,

    /// <summary>Wrong code or wrong secret: the same answer for both, so links cannot be guessed.</summary>
    Invalid,
}

/// <summary>
/// The citizen's side of closing the loop, through the secret link sent on their own channel:
/// answer a question from the agency, or say whether the resolved report is really done (with a
/// 1-5 rating). "Not done" reopens it to the same agency with the citizen's words.
/// </summary>
public sealed class CitizenResponses(AduanDbContext db, Notifications notifications, ReportSaver saver, TimeProvider clock)
{
    /// <summary>The secret's place in the link: <c>/lacak/{code}/tanggapan?t=…</c>.</summary>
    public static string LinkSuffix(string token) => $"/tanggapan?t={Uri.EscapeDataString(token)}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The report a link points to, and whether it still asks for something.</summary>
    public async Task<(Report? Report, CitizenLinkState State)> OpenAsync(string? code, string? token, CancellationToken ct)
    {
        var report = await FindAsync(code, ct);
        var state = StateOf(report, token);
        return (state == CitizenLinkState.Invalid ? null : report, state);
    }

    private static CitizenLinkState StateOf(Report? report, string? token)
    {
        if (report is null || string.IsNullOrEmpty(token))
            return CitizenLinkState.Invalid;
        if (report.CitizenTokenHash is null || report.Status is not (ReportStatus.Resolved or ReportStatus.WaitingForCitizen))
            return CitizenLinkState.NothingAsked;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(report.CitizenTokenHash), Encoding.ASCII.GetBytes(Hash(token)))
            ? CitizenLinkState.Open : CitizenLinkState.Invalid;
    }

    /// <summary>The citizen's answer to the agency's question; work resumes.</summary>
    public async Task<WorkResult> AnswerAsync(string? code, string? token, string? answer, CancellationToken ct)
    {
        var (report, refusal) = await CheckAsync(code, token, ReportStatus.WaitingForCitizen, ct);
        if (report is null)
            return refusal!;
        if (WorkInput.RequiredText("answer", answer) is { } error)
            return WorkResult.Invalid(error);
        report.CitizenAnswered(clock.GetUtcNow(), "pelapor", answer!.Trim());
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>Done (rating 1-5, an optional comment) closes the report; not done (words required) reopens it.</summary>
    public async Task<WorkResult> ConfirmAsync(string? code, string? token, bool? done, int? rating, string? text, CancellationToken ct)
    {
        var (report, refusal) = await CheckAsync(code, token, ReportStatus.Resolved, ct);
        if (report is null)
            return refusal!;
        var now = clock.GetUtcNow();
        switch (done)
        {
            case true:
                if (rating is not (>= 1 and <= 5))
                    return WorkResult.Invalid(new FieldError("rating", "Feedback_Rating"));
                if (text?.Trim().Length > Limits.Description)
                    return WorkResult.Invalid(new FieldError("text", "Error_TooLong", Limits.Description));
                report.ConfirmResolved(now, "pelapor", rating.Value, text);
                break;
            case false:
                if (WorkInput.RequiredText("text", text) is { } error)
                    return WorkResult.Invalid(error);
                if (rating is not null and not (>= 1 and <= 5))
                    return WorkResult.Invalid(new FieldError("rating", "Feedback_Rating"));
                report.Reopen(now, "pelapor", text!.Trim());
                // The lead agency hears it; a report the media centre coordinates itself (an outside body) goes to the operators.
                var lead = report.AgencyCode is { } agency && report.ActiveAssignment(agency) is not null ? agency : null;
                await notifications.TellStaffAsync(lead, report, "instansi-laporan-dibuka", new Dictionary<string, string> { ["alasan"] = text.Trim() }, ct);
                break;
            default:
                return WorkResult.Invalid(new FieldError("done", "Error_Required"));
        }
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>
    /// A step the report's state no longer allows (confirming twice, answering after the answer) is a
    /// conflict with the current state, which is public anyway; a wrong secret is not found.
    /// </summary>
    private async Task<(Report? Report, WorkResult? Refusal)> CheckAsync(string? code, string? token, ReportStatus expected, CancellationToken ct)
    {
        var report = await FindAsync(code, ct);
        if (report is null)
            return (null, WorkResult.NotFound);
        if (report.Status != expected || report.CitizenTokenHash is null)
            return (null, WorkResult.Conflict(report, "Work_WrongStatus"));
        return StateOf(report, token) == CitizenLinkState.Open ? (report, null) : (null, WorkResult.Forbidden);
    }

    private async Task<Report?> FindAsync(string? code, CancellationToken ct)
    {
        var parsed = TrackingCode.Parse(code);
        return parsed is null ? null
            : await db.Reports.Include(r => r.Assignments).Include(r => r.Photos).AsSplitQuery().SingleOrDefaultAsync(r => r.Code == parsed, ct);
    }
}
