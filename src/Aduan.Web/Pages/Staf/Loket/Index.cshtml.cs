using System.Globalization;
using Aduan.Channels;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Staf.Loket;

/// <summary>
/// The walk-in and call-centre desk: an operator files a report taken in person or by phone on a
/// citizen's behalf, with the session it was taken at, then reads out or prints the tracking code.
/// Operators only.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class IndexModel(AduanDbContext db, TakeWalkInReport handler, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<IGrouping<string, LaporModel.CategoryOption>> Categories { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes a double-clicked or re-sent form produce one report, not two.</summary>
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");

    /// <summary>The code of the report just filed, shown large for the citizen.</summary>
    public string? FiledCode { get; private set; }

    public string Value(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public async Task<IActionResult> OnGetAsync(string? kode, CancellationToken ct)
    {
        if (!IsOperator())
            return Forbid();
        FiledCode = TrackingCode.Parse(kode) is { } code ? TrackingCode.Format(code) : null;
        await LoadCategoriesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsOperator())
            return Forbid();
        var key = Request.Form["idempotencyKey"].ToString();
        if (key.Length is > 0 and <= 64)
            IdempotencyKey = key;
        var (input, formErrors) = await ReportForm.ReadAsync(Request.Form, Channel.WalkIn, "loket:" + IdempotencyKey, ct);
        var result = formErrors.Count > 0
            ? new SubmitReportResult(null, false, formErrors)
            : await handler.HandleAsync(input, Request.Form["session"], User.ToStaffActor()!.TimelineName, ct);
        if (result.Succeeded)
            return Redirect($"/staf/loket?kode={TrackingCode.Format(result.Report!.Code)}");
        foreach (var error in result.Errors)
            Errors.TryAdd(error.Field.StartsWith("photos", StringComparison.Ordinal) ? "photos" : error.Field, Problems.Message(error, text));
        Response.StatusCode = result.PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge
            : result.TooManyFromContact ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status400BadRequest;
        await LoadCategoriesAsync(ct);
        return Page();
    }

    private bool IsOperator() => User.ToStaffActor() is { IsApiKey: false } actor && actor.Has(StaffRole.Operator);

    private async Task LoadCategoriesAsync(CancellationToken ct)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var options = await db.Categories.AsNoTracking().Where(c => c.IsActive)
            .Select(c => new LaporModel.CategoryOption(c.Code, english ? c.NameEn : c.Name, c.Group))
            .ToListAsync(ct);
        Categories = options.OrderBy(o => o.Group).ThenBy(o => o.Name).GroupBy(o => o.Group).ToList();
    }
}
