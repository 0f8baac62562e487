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

    /// <summary>SQLite's scorecard_rollups, clustered on its key.</summary>
    public const string SqliteRollupTable = """
        CREATE TABLE "scorecard_rollups" (
            "Grain" TEXT NOT NULL,
            "Level" INTEGER NOT NULL,
            "Start" TEXT NOT NULL,
            "AgencyCode" TEXT NOT NULL,
            "AreaCode" TEXT NOT NULL,
            "Confirmed" INTEGER NOT NULL,
            "ConfirmedEvidenced" INTEGER NOT NULL,
            "Dispatched" INTEGER NOT NULL,
            "Evidenced" INTEGER NOT NULL,
            "Good" INTEGER NOT NULL,
            "HandedBack" INTEGER NOT NULL,
            "RatingCount" INTEGER NOT NULL,
            "RatingSum" INTEGER NOT NULL,
            "Received" INTEGER NOT NULL,
            "Reopened" INTEGER NOT NULL,
            "Resolution00" INTEGER NOT NULL,
            "Resolution01" INTEGER NOT NULL,
            "Resolution02" INTEGER NOT NULL,
            "Resolution03" INTEGER NOT NULL,
            "Resolution04" INTEGER NOT NULL,
            "Resolution05" INTEGER NOT NULL,
            "Resolution06" INTEGER NOT NULL,
            "Resolution07" INTEGER NOT NULL,
            "Resolution08" INTEGER NOT NULL,
            "Resolution09" INTEGER NOT NULL,
            "Resolution10" INTEGER NOT NULL,
            "Resolution11" INTEGER NOT NULL,
            "Resolution12" INTEGER NOT NULL,
            "Resolution13" INTEGER NOT NULL,
            "Resolution14" INTEGER NOT NULL,
            "Resolution15" INTEGER NOT NULL,
            "Resolution16" INTEGER NOT NULL,
            "Resolution17" INTEGER NOT NULL,
            "Resolution18" INTEGER NOT NULL,
            "Resolution19" INTEGER NOT NULL,
            "ResolutionOnTime" INTEGER NOT NULL,
            "Resolved" INTEGER NOT NULL,
            "Responded" INTEGER NOT NULL,
            "Response00" INTEGER NOT NULL,
            "Response01" INTEGER NOT NULL,
            "Response02" INTEGER NOT NULL,
            "Response03" INTEGER NOT NULL,
            "Response04" INTEGER NOT NULL,
            "Response05" INTEGER NOT NULL,
            "Response06" INTEGER NOT NULL,
            "Response07" INTEGER NOT NULL,
            "Response08" INTEGER NOT NULL,
            "Response09" INTEGER NOT NULL,
            "Response10" INTEGER NOT NULL,
            "Response11" INTEGER NOT NULL,
            "Response12" INTEGER NOT NULL,
            "Response13" INTEGER NOT NULL,
            "Response14" INTEGER NOT NULL,
            "Response15" INTEGER NOT NULL,
            "Response16" INTEGER NOT NULL,
            "Response17" INTEGER NOT NULL,
            "Response18" INTEGER NOT NULL,
            "Response19" INTEGER NOT NULL,
            "ResponseOnTime" INTEGER NOT NULL,
            CONSTRAINT "PK_scorecard_rollups" PRIMARY KEY ("Grain", "Level", "AreaCode", "Start", "AgencyCode")
        ) WITHOUT ROWID
        """;
}
