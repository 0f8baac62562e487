using System.Globalization;
using Aduan.Agencies;
using Aduan.Packs;
using Aduan.Surveys;
using Aduan.Web.Auth;
using Aduan.Web.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Skm;

/// <summary>
/// Typing in paper questionnaires: the agency and survey day stay set between questionnaires, the
/// nine answers are nine digit fields the cursor runs through, Enter saves. Operators for any
/// agency, heads and officers for their own.
/// </summary>
public sealed class EntriModel(AgencyTree agencies, SurveyAccess access, RecordSurveyResponse handler, CurrentPack pack, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public string Agency { get; private set; } = "";
    public string Date { get; private set; } = "";
    public int SavedCount { get; private set; }
    public string? SavedMessage { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string Value(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public async Task<IActionResult> OnGetAsync(string? instansi, string? tanggal, int? tersimpan, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Forbid();
        Agency = instansi ?? (Agencies.Count == 1 ? Agencies[0].Code : User.ToStaffActor()!.AgencyCode ?? "");
        Date = tanggal ?? Date;
        if (tersimpan is > 0 && Agencies.FirstOrDefault(a => a.Code == Agency) is { } saved)
        {
            SavedCount = tersimpan.Value;
            SavedMessage = text["Skm_Saved", saved.Name, Date, SavedCount];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Forbid();
        Agency = Request.Form["agency"].ToString();
        Date = Request.Form["date"].ToString();
        _ = int.TryParse(Request.Form["saved"], NumberStyles.None, CultureInfo.InvariantCulture, out var count);
        SavedCount = count;
        var result = await handler.HandleAsync(SurveyForm.Read(Request.Form, Agency), User.ToStaffActor(), ct);
        switch (result.Outcome)
        {
            case SurveyOutcome.Saved:
                return Redirect($"/staf/skm/entri?instansi={Uri.EscapeDataString(Agency)}&tanggal={Uri.EscapeDataString(Date)}&tersimpan={count + 1}");
            case SurveyOutcome.Forbidden:
                return Forbid();
            default:
                foreach (var error in result.Errors)
                    Errors.TryAdd(error.Field, text.Message(error));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        var scope = await access.EntryScopeAsync(actor, ct);
        if (scope is { Count: 0 })
            return false;
        Agencies = [.. (await agencies.AllAsync(ct)).Where(a => a.Kind != AgencyKind.OutsideBody && (scope is null || scope.Contains(a.Code)))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture)];
        var snapshot = await pack.GetAsync(ct);
        Date = snapshot.ToLocal(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }
}
