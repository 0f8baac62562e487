using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Evidenced",
                table: "report_assignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ReopenedAt",
                table: "report_assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolutionMinutes",
                table: "report_assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseMinutes",
                table: "report_assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "report_ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_ratings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_ratings_agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_report_ratings_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // As EF would create it, but WITHOUT ROWID: the rows lie in key order, so a period's rows of one
            // level and area are read in one run instead of one look-up per row (see docs/rankings.md).
            migrationBuilder.Sql(ScorecardsData.SqliteRollupTable);

            migrationBuilder.CreateIndex(
                name: "IX_reports_overdue",
                table: "reports",
                column: "ResolutionDueAt",
                filter: "\"Status\" IN ('Dispatched', 'InProgress', 'Reopened')");

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_AcceptedAt",
                table: "report_assignments",
                column: "AcceptedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_DispatchedAt",
                table: "report_assignments",
                column: "DispatchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_FinishedAt",
                table: "report_assignments",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_ReopenedAt",
                table: "report_assignments",
                column: "ReopenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_ratings_AgencyCode_At",
                table: "report_ratings",
                columns: new[] { "AgencyCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_report_ratings_At",
                table: "report_ratings",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_report_ratings_ReportId",
                table: "report_ratings",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_rollups_Grain_Start",
                table: "scorecard_rollups",
                columns: new[] { "Grain", "Start" });

            migrationBuilder.Sql(ScorecardsData.MoveRatings);
            migrationBuilder.Sql(ScorecardsData.MarkEvidence);
            migrationBuilder.Sql(ScorecardsData.MarkReopened);
            // SQLite's own DROP COLUMN (3.35+) instead of EF's table rebuild: no copy of every report, and no
            // foreign-key re-check of rows the rebuild would otherwise touch.
            migrationBuilder.Sql("ALTER TABLE reports DROP COLUMN \"CitizenRating\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CitizenRating",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.Sql(ScorecardsData.RestoreRatings);

            migrationBuilder.DropTable(
                name: "report_ratings");

            migrationBuilder.DropTable(
                name: "scorecard_rollups");

            migrationBuilder.DropIndex(
                name: "IX_reports_overdue",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_report_assignments_AcceptedAt",
                table: "report_assignments");

            migrationBuilder.DropIndex(
                name: "IX_report_assignments_DispatchedAt",
                table: "report_assignments");

            migrationBuilder.DropIndex(
                name: "IX_report_assignments_FinishedAt",
                table: "report_assignments");

            migrationBuilder.DropIndex(
                name: "IX_report_assignments_ReopenedAt",
                table: "report_assignments");

            migrationBuilder.DropColumn(
                name: "Evidenced",
                table: "report_assignments");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "report_assignments");

            migrationBuilder.DropColumn(
                name: "ResolutionMinutes",
                table: "report_assignments");

            migrationBuilder.DropColumn(
                name: "ResponseMinutes",
                table: "report_assignments");
        }
    }
}
