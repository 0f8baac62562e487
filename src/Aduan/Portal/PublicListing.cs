using Aduan.Reports;

namespace Aduan.Portal;

/// <summary>
/// Which reports the public portal lists, counts, maps and exports: every report except the
/// confidential (rahasia) ones and those that are not a real public problem (rejected as spam or
/// out of scope, merged into another). What of a listed report is shown is the public view's rule
/// (<c>Aduan.Web.Api.PublicReportQuery</c>); this only decides which reports are listed at all.
/// </summary>
public static class PublicListing
{
    /// <summary>The statuses a listed report can have, in the order of a report's life.</summary>
    public static readonly IReadOnlyList<ReportStatus> Statuses =
        [.. Enum.GetValues<ReportStatus>().Where(s => s is not (ReportStatus.Rejected or ReportStatus.Merged))];

    public static IQueryable<Report> Listed(this IQueryable<Report> reports) =>
        reports.Where(r => r.Visibility != ReportVisibility.Confidential && r.Status != ReportStatus.Rejected && r.Status != ReportStatus.Merged);

    /// <summary>The same rule for one report in memory.</summary>
    public static bool IsListed(Report report) =>
        report.Visibility != ReportVisibility.Confidential && report.Status is not (ReportStatus.Rejected or ReportStatus.Merged);
}
