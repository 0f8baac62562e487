using System.Text.Json;
using Aduan.Reports;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>
/// A report's history chain as anyone holding its code may check it: the server's verdict, and
/// every link (digest and hash) so a browser can recompute the links itself. Public updates show
/// what the track page shows; internal ones only their digest.
/// </summary>
public sealed record HistoryCheck(string Code, bool Valid, int Updates, string? Head, int? BrokenAt, string? Problem, IReadOnlyList<HistoryLink> Entries);

public sealed record HistoryLink(int Sequence, DateTimeOffset At, bool IsPublic, string Digest, string? Hash, string? Kind, string? Status, string? StatusLabel, string? Text);

public static class HistoryApi
{
    public static void MapHistoryApi(this WebApplication app) =>
        // Under /api/reports/{code}, so the look-up rate limit (RateLimits "lookup") covers it too.
        app.MapGet("/api/reports/{code}/history/verify", VerifyAsync)
            .WithTags("Reports")
            .WithSummary("Checks a report's hash-chained timeline and lists every link (internal updates as digests only)")
            .Produces<HistoryCheck>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> VerifyAsync(string code, HistoryVerification history, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        TrackingCode.Parse(code) is { } parsed && await history.VerifyAsync(parsed, ct) is { } verdict
            ? TypedResults.Ok(ToAnswer(verdict, text))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Problem_NotFound"]);

    internal static HistoryCheck ToAnswer(HistoryVerdict verdict, IStringLocalizer<SharedResource> text) => new(
        TrackingCode.Format(verdict.Code),
        verdict.Valid,
        verdict.Updates,
        verdict.Head,
        verdict.BrokenAt,
        verdict.Problem is { } problem ? JsonNamingPolicy.CamelCase.ConvertName(problem.ToString()) : null,
        [.. verdict.Entries.Select(e => new HistoryLink(
            e.Sequence, e.At, e.IsPublic, e.Digest, e.Hash, e.Kind?.ToString(), e.Status?.ToString(),
            e.Status is { } status ? text[$"Status_{status}"].Value : null, e.Text))]);
}
