using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages;

/// <summary>
/// Where the citizen's secret link leads: answer the agency's question, or say whether the
/// resolved report is really done (with a rating); the whole public timeline below.
/// </summary>
public sealed class TanggapanModel(CitizenResponses responses, PublicReportQuery views, Surveys.SurveyLinks surveys, IStringLocalizer<SharedResource> text) : PageModel
{
    public PublicReport? Report { get; private set; }
    public CitizenLinkState State { get; private set; }
    public string? Token { get; private set; }
    public string? Question { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Right after the citizen confirmed the work done: a one-time SKM link for the agency that did it.</summary>
    public string? SurveyUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? t, CancellationToken ct) => await LoadAsync(code, t, ct);

    public async Task<IActionResult> OnPostConfirmAsync(string code, string? t, string? beres, int? nilai, string? teks, CancellationToken ct)
    {
        bool? done = beres switch { "ya" => true, "tidak" => false, _ => null };
        var result = await responses.ConfirmAsync(code, t, done, nilai, teks, ct);
        return await AfterAsync(code, t, result, done == true ? "Feedback_Thanks" : "Feedback_Reopened", ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(string code, string? t, string? jawaban, CancellationToken ct)
    {
        var result = await responses.AnswerAsync(code, t, jawaban, ct);
        return await AfterAsync(code, t, result, "Feedback_AnswerSent", ct);
    }

    private async Task<IActionResult> AfterAsync(string code, string? token, WorkResult result, string done, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case WorkOutcome.Done:
                Message = text[done];
                // The confirmation checked the citizen's secret, so the survey ticket made from it is genuine.
                if (done == "Feedback_Thanks" && result.Report?.AgencyCode is { } agency && token is not null)
                    SurveyUrl = $"/survei/{Uri.EscapeDataString(agency)}?t={Uri.EscapeDataString(surveys.ForCitizen(agency, token))}";
                break;
            case WorkOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                Message = text["Feedback_AlreadyDone", text[$"Status_{result.Report!.Status}"]];
                break;
            case WorkOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                foreach (var error in result.Errors ?? [])
                    Errors.TryAdd(error.Field, Problems.Message(error, text));
                break;
        }
        return await LoadAsync(code, token, ct);
    }

    private async Task<IActionResult> LoadAsync(string code, string? token, CancellationToken ct)
    {
        var (report, state) = await responses.OpenAsync(code, token, ct);
        State = state;
        if (report is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Token = token;
        Report = await views.ToViewAsync(report, ct);
        Question = report.Status == ReportStatus.WaitingForCitizen ? Report.Updates.LastOrDefault(u => u.Status == nameof(ReportStatus.WaitingForCitizen))?.Text : null;
        return Page();
    }
}
