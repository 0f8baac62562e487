using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages;

/// <summary>The track page: a report's public view by its tracking code.</summary>
public sealed class LacakModel(PublicReportQuery views, HistoryVerification history) : PageModel
{
    public PublicReport? Report { get; private set; }

    /// <summary>The server's verdict on the report's history chain (see <see cref="HistoryChain"/>).</summary>
    public HistoryVerdict? History { get; private set; }

    public bool CodeNotFound { get; private set; }
    public bool JustSubmitted { get; private set; }
    public string? TypedCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? kode, string? baru, CancellationToken ct)
    {
        if (code is null && kode is not null)
        {
            // The search box posts ?kode=…; send the reader to the canonical URL.
            var parsed = TrackingCode.Parse(kode);
            if (parsed is not null)
                return Redirect($"/lacak/{TrackingCode.Format(parsed)}");
            (TypedCode, CodeNotFound) = (kode, true);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (code is null)
            return Page();
        TypedCode = code;
        Report = await views.FindAsync(code, ct);
        CodeNotFound = Report is null;
        JustSubmitted = baru == "1" && Report is not null;
        if (CodeNotFound)
            Response.StatusCode = StatusCodes.Status404NotFound;
        else
            History = await history.VerifyAsync(TrackingCode.Parse(code)!, ct);
        return Page();
    }
}
