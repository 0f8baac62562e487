using System.Globalization;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages;

/// <summary>The public report form. Posts go through the same <see cref="SubmitReport"/> handler as the API.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class LaporModel(AduanDbContext db, SubmitReport handler, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<IGrouping<string, CategoryOption>> Categories { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes a double-clicked or re-sent form produce one report, not two.</summary>
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public sealed record CategoryOption(string Code, string Name, string Group);

    public string Value(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadCategoriesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var key = Request.Form["idempotencyKey"].ToString();
        if (key.Length is > 0 and <= 64)
            IdempotencyKey = key;
        var (input, formErrors) = await ReportForm.ReadAsync(Request.Form, Channel.Web, "web:" + IdempotencyKey, ct);
        var result = formErrors.Count > 0 ? new SubmitReportResult(null, false, formErrors) : await handler.HandleAsync(input, ct);
        if (result.Succeeded)
            return Redirect($"/lacak/{TrackingCode.Format(result.Report!.Code)}?baru=1");
        foreach (var error in result.Errors)
            Errors.TryAdd(error.Field.StartsWith("photos", StringComparison.Ordinal) ? "photos" : error.Field, Problems.Message(error, text));
        Response.StatusCode = result.PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge
            : result.TooManyFromContact ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status400BadRequest;
        await LoadCategoriesAsync(ct);
        return Page();
    }

    private async Task LoadCategoriesAsync(CancellationToken ct)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var options = await db.Categories.AsNoTracking().Where(c => c.IsActive)
            .Select(c => new CategoryOption(c.Code, english ? c.NameEn : c.Name, c.Group))
            .ToListAsync(ct);
        Categories = options.OrderBy(o => o.Group).ThenBy(o => o.Name).GroupBy(o => o.Group).ToList();
    }
}
