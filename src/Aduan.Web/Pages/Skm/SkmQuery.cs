using Aduan.Agencies;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Surveys;
using Aduan.Web.Api;
using Aduan.Web.Surveys;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Skm;

/// <summary>What the results page and the printable report show: the agencies to choose from, the chosen one and period, and its SKM or the errors.</summary>
public sealed class SkmView
{
    public IReadOnlyList<Agency> Agencies { get; init; } = [];
    public string Agency { get; init; } = "";
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public SkmReport? Report { get; set; }
    public bool Forbidden { get; set; }
    public PackSnapshot Pack { get; init; } = null!;
}

/// <summary>Reads <c>instansi</c>, <c>dari</c> and <c>sampai</c> for the staff SKM pages, checks them and the caller's right, and loads the report.</summary>
public sealed class SkmQuery(AgencyTree agencies, SurveyAccess access, SkmReports reports, CurrentPack pack, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public async Task<SkmView> RunAsync(StaffActor actor, string? instansi, string? dari, string? sampai, CancellationToken ct)
    {
        var snapshot = await pack.GetAsync(ct);
        var scope = await access.ResultsScopeAsync(actor, ct);
        var visible = (await agencies.AllAsync(ct)).Where(a => a.Kind != AgencyKind.OutsideBody && (scope is null || scope.Contains(a.Code)))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
        var today = DateOnly.FromDateTime(snapshot.ToLocal(clock.GetUtcNow()).DateTime);
        var asked = instansi is not null || dari is not null || sampai is not null;
        var view = new SkmView
        {
            Agencies = visible,
            // A first visit proposes the caller's own agency and this year so far.
            Agency = instansi ?? (asked ? "" : actor.AgencyCode ?? ""),
            From = dari ?? (asked ? "" : SurveyApi.Day(new DateOnly(today.Year, 1, 1))),
            To = sampai ?? (asked ? "" : SurveyApi.Day(today)),
            Pack = snapshot,
        };
        if (!asked && view.Agency.Length == 0)
            return view;

        var errors = new List<FieldError>();
        var agency = await SurveyApi.FindAgencyAsync(agencies, view.Agency, errors, ct);
        var (period, periodErrors) = SurveyPeriod.Parse(view.From, view.To);
        errors.AddRange(periodErrors);
        foreach (var error in errors)
            view.Errors.TryAdd(error.Field, text.Message(error));
        if (errors.Count > 0)
            return view;
        if (!await access.CanSeeResultsAsync(actor, agency!.Code, ct))
        {
            view.Forbidden = true;
            return view;
        }
        view.Report = await reports.GetAsync(agency, period!, ct);
        return view;
    }
}
