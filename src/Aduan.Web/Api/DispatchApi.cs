using Aduan.Dispatch;
using Aduan.Staff;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>The body of an agency or dispatch step. <c>version</c> is the report's version as the caller saw it: a stale one answers 409.</summary>
public sealed record WorkRequest(
    string? Agency = null,
    IReadOnlyList<string>? Supporting = null,
    string? Reason = null,
    string? Question = null,
    string? Answer = null,
    string? Summary = null,
    string? Body = null,
    string? Note = null,
    string? Reference = null,
    Guid? OfficerId = null,
    string? Priority = null,
    int? Version = null);

/// <summary>The citizen's answer or confirmation through the secret link they were sent.</summary>
public sealed record CitizenResponseRequest(string? Token, string? Answer = null, bool? Done = null, int? Rating = null, string? Text = null);

/// <summary>
/// Dispatch and the agency's work: <c>/api/staff/reports/{code}/…</c> for staff and keys, each step
/// under <see cref="ReportAccess"/>'s scope; and <c>/api/reports/{code}/answer|confirmation</c> for
/// the citizen holding the link. A step the report's state does not allow answers 409 with the
/// current status and version.
/// </summary>
public static class DispatchApi
{
    public static void MapDispatchApi(this WebApplication app)
    {
        var staff = app.MapGroup("/api/staff/reports/{code}").WithTags("Dispatch and agency work")
            .RequireAuthorization(Auth.StaffPolicies.ReadReports)
            .AddEndpointFilter(StaffReportsApi.RequireAntiforgeryForCookies)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        Step(staff, "/dispatch", "Operator: dispatch to a lead agency (agency) and supporting ones (supporting); a re-dispatch needs a reason",
            (w, a, s, c, r, ct) => w.GetRequiredService<Dispatcher>().DispatchAsync(a, s, c, r.Agency, r.Supporting ?? [], r.Reason, r.Version, ct));
        Step(staff, "/accept", "Agency: accept the report (or its supporting part)",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().AcceptAsync(a, s, c, r.Version, ct));
        Step(staff, "/assign", "Agency: give the part to an officer (officerId; heads assign anyone, officers themselves)",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().AssignAsync(a, s, c, r.OfficerId, r.Version, ct));
        Step(staff, "/ask", "Ask the citizen for more information (question); the clock waits",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().AskCitizenAsync(a, s, c, r.Question, r.Version, ct));
        Step(staff, "/citizen-answer", "Record the citizen's answer given another way (answer)",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().RecordCitizenAnswerAsync(a, s, c, r.Answer, r.Version, ct));
        Step(staff, "/hand-back", "Agency: not ours (reason); the lead's hand-back returns the report to the operator",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().HandBackAsync(a, s, c, r.Reason, r.Version, ct));
        Step(staff, "/finish-part", "Supporting agency: its part is done (summary)",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().FinishPartAsync(a, s, c, r.Summary, r.Version, ct));
        Step(staff, "/forward", "Forward to an outside body (body: its agency code; note)",
            (w, a, s, c, r, ct) => w.GetRequiredService<AgencyWork>().ForwardAsync(a, s, c, r.Body, r.Note, r.Version, ct));
        Step(staff, "/priority", "Operator: set the priority (priority: biasa, segera or darurat; reason); a running deadline clock moves to the new targets",
            (w, a, s, c, r, ct) => w.GetRequiredService<Dispatcher>().SetPriorityAsync(a, s, c, r.Priority, r.Reason, r.Version, ct));
        StepWithId(staff, "/coordinations/{id:long}/acknowledge", "The outside body acknowledged (reference: its ticket number)", CoordinationStatus.Acknowledged);
        StepWithId(staff, "/coordinations/{id:long}/answer", "The outside body answered (answer)", CoordinationStatus.Answered);
        staff.MapPost("/resolve", ResolveAsync)
            .WithSummary("Resolve (multipart: summary, photo taken at the place, latitude, longitude, version)")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<StaffReportView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery(); // checked by RequireAntiforgeryForCookies instead

        var citizen = app.MapGroup("/api/reports/{code}").WithTags("Reports").DisableAntiforgery();
        citizen.MapPost("/answer", (string code, CitizenResponseRequest? body, CitizenResponses responses, PublicReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
                CitizenAnswerAsync(responses.AnswerAsync(code, body?.Token, body?.Answer, ct), views, text, ct))
            .WithSummary("The citizen answers the agency's question (token from the link they were sent)")
            .Produces<PublicReport>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        citizen.MapPost("/confirmation", (string code, CitizenResponseRequest? body, CitizenResponses responses, PublicReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
                CitizenAnswerAsync(responses.ConfirmAsync(code, body?.Token, body?.Done, body?.Rating, body?.Text, ct), views, text, ct))
            .WithSummary("The citizen says whether the resolved report is done (done, rating 1-5, text; text required when not done)")
            .Produces<PublicReport>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private delegate Task<WorkResult> WorkStep(IServiceProvider services, StaffActor actor, ReportScope scope, string code, WorkRequest request, CancellationToken ct);

    private static void Step(RouteGroupBuilder group, string path, string summary, WorkStep step) =>
        group.MapPost(path, async (string code, WorkRequest? body, HttpContext http, ReportAccess access, StaffReportQuery views, IStringLocalizer<SharedResource> text) =>
            {
                var (actor, scope) = await StaffReportsApi.CallerAsync(http, access);
                var result = await step(http.RequestServices, actor, scope, code, body ?? new WorkRequest(), http.RequestAborted);
                return await AnswerAsync(result, scope, views, text, http.RequestAborted);
            })
            .WithSummary(summary)
            .Accepts<WorkRequest>("application/json")
            .Produces<StaffReportView>()
            .ProducesValidationProblem();

    private static void StepWithId(RouteGroupBuilder group, string path, string summary, CoordinationStatus status) =>
        group.MapPost(path, async (string code, long id, WorkRequest? body, HttpContext http, ReportAccess access, AgencyWork work, StaffReportQuery views, IStringLocalizer<SharedResource> text) =>
            {
                var (actor, scope) = await StaffReportsApi.CallerAsync(http, access);
                var request = body ?? new WorkRequest();
                var result = await work.CoordinationStepAsync(actor, scope, code, id, status,
                    status == CoordinationStatus.Acknowledged ? request.Reference : request.Answer, request.Version, http.RequestAborted);
                return await AnswerAsync(result, scope, views, text, http.RequestAborted);
            })
            .WithSummary(summary)
            .Accepts<WorkRequest>("application/json")
            .Produces<StaffReportView>()
            .ProducesValidationProblem();

    private static async Task<IResult> ResolveAsync(string code, HttpContext http, ReportAccess access, AgencyWork work, StaffReportQuery views, IStringLocalizer<SharedResource> text)
    {
        var (actor, scope) = await StaffReportsApi.CallerAsync(http, access);
        if (!http.Request.HasFormContentType)
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, text["Problem_ContentType"]);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var result = await work.ResolveAsync(actor, scope, code, await ReadEvidenceAsync(form, http.RequestAborted), ReadVersion(form["version"]), http.RequestAborted);
        return await AnswerAsync(result, scope, views, text, http.RequestAborted);
    }

    /// <summary>The resolve form's fields, shared by the API and the staff page.</summary>
    internal static async Task<ResolveEvidence> ReadEvidenceAsync(IFormCollection form, CancellationToken ct)
    {
        var photos = await ReportForm.ReadPhotosAsync(form.Files.Where(f => f.Name is "photo" or "foto").ToList(), ct);
        return new ResolveEvidence(form["summary"].FirstOrDefault() ?? form["ringkasan"].FirstOrDefault(), photos.FirstOrDefault(),
            ReadNumber(form["latitude"].FirstOrDefault() ?? form["lintang"].FirstOrDefault()),
            ReadNumber(form["longitude"].FirstOrDefault() ?? form["bujur"].FirstOrDefault()));
    }

    internal static int? ReadVersion(string? value) => int.TryParse(value, out var v) ? v : null;

    private static double? ReadNumber(string? value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private static async Task<IResult> AnswerAsync(WorkResult result, ReportScope scope, StaffReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        result.Outcome switch
        {
            WorkOutcome.Done => TypedResults.Ok(await views.ToViewAsync(result.Report!, scope, ct)),
            WorkOutcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, text["Problem_ReadOnly"]),
            _ => Refusal(result, text),
        };

    private static async Task<IResult> CitizenAnswerAsync(Task<WorkResult> work, PublicReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await work;
        return result.Outcome switch
        {
            WorkOutcome.Done => TypedResults.Ok(await views.ToViewAsync(result.Report!, ct)),
            WorkOutcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, text["Feedback_BadLink"]),
            _ => Refusal(result, text),
        };
    }

    /// <summary>404, 409 with the current state, 413, or field errors.</summary>
    internal static IResult Refusal(WorkResult result, IStringLocalizer<SharedResource> text) => result.Outcome switch
    {
        WorkOutcome.NotFound => Problems.Status(StatusCodes.Status404NotFound, text["Problem_NotFound"]),
        WorkOutcome.Conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: text[result.ConflictKey!, result.ConflictArgs ?? []],
            detail: text["Work_CurrentState", text[$"Status_{result.Report!.Status}"]],
            extensions: new Dictionary<string, object?>
            {
                ["status"] = result.Report.Status.ToString(),
                ["statusLabel"] = text[$"Status_{result.Report.Status}"].Value,
                ["version"] = result.Report.Version,
            }),
        WorkOutcome.TooLarge => Problems.TooLarge(result.Errors!, text),
        WorkOutcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, text["Problem_ReadOnly"]),
        _ => Problems.Validation(result.Errors!, text),
    };
}
