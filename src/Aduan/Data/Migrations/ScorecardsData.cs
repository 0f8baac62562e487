namespace Aduan.Data.Migrations;

/// <summary>
/// The data steps of the Scorecards migration, the same SQL for SQLite and PostgreSQL: ratings
/// move from <c>reports.CitizenRating</c> into <c>report_ratings</c> (with the comment and time
/// from the citizen's feedback line), and finished lead parts get their evidence and reopen marks
/// from the timeline. Working minutes are left to <c>aduan rollups rebuild</c>, which needs the
/// pack's calendar.
/// </summary>
internal static class ScorecardsData
{
    // "penilaian 5/5: " is 15 characters; the comment follows it.
    public const string MoveRatings = """
        INSERT INTO report_ratings ("ReportId", "AgencyCode", "Value", "Comment", "At")
        SELECT r."Id", r."AgencyCode", r."CitizenRating",
            (SELECT CASE WHEN length(u."Text") > 15 THEN substr(u."Text", 16) END FROM report_updates u
             WHERE u."ReportId" = r."Id" AND u."Kind" = 'CitizenFeedback' AND u."Text" LIKE 'penilaian %' ORDER BY u."Sequence" DESC LIMIT 1),
            COALESCE((SELECT MAX(u."At") FROM report_updates u WHERE u."ReportId" = r."Id" AND u."Kind" = 'CitizenFeedback'), r."LastChangedAt")
        FROM reports r WHERE r."CitizenRating" IS NOT NULL
        """;

    public const string MarkEvidence = """
        UPDATE report_assignments SET "Evidenced" = TRUE
        WHERE "Role" = 'Lead' AND "Status" = 'Done' AND EXISTS (
            SELECT 1 FROM report_updates u WHERE u."ReportId" = report_assignments."ReportId" AND u."Kind" = 'PhotosAdded' AND u."IsPublic"
            AND u."At" >= report_assignments."DispatchedAt" AND u."At" <= report_assignments."FinishedAt")
        """;

    public const string MarkReopened = """
        UPDATE report_assignments SET "ReopenedAt" = (
            SELECT MIN(u."At") FROM report_updates u
            WHERE u."ReportId" = report_assignments."ReportId" AND u."ToStatus" = 'Reopened' AND u."At" >= report_assignments."FinishedAt")
        WHERE "Role" = 'Lead' AND "Status" = 'Done'
        """;

    public const string RestoreRatings = """
        UPDATE reports SET "CitizenRating" = (SELECT g."Value" FROM report_ratings g WHERE g."ReportId" = reports."Id")
        """;
}
