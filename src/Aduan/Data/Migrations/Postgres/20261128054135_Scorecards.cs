using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReopenedAt",
                table: "report_assignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolutionMinutes",
                table: "report_assignments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseMinutes",
                table: "report_assignments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "report_ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "scorecard_rollups",
                columns: table => new
                {
                    Grain = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AreaCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Confirmed = table.Column<int>(type: "integer", nullable: false),
                    ConfirmedEvidenced = table.Column<int>(type: "integer", nullable: false),
                    Dispatched = table.Column<int>(type: "integer", nullable: false),
                    Evidenced = table.Column<int>(type: "integer", nullable: false),
                    Good = table.Column<int>(type: "integer", nullable: false),
                    HandedBack = table.Column<int>(type: "integer", nullable: false),
                    RatingCount = table.Column<int>(type: "integer", nullable: false),
                    RatingSum = table.Column<int>(type: "integer", nullable: false),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Reopened = table.Column<int>(type: "integer", nullable: false),
                    Resolution00 = table.Column<int>(type: "integer", nullable: false),
                    Resolution01 = table.Column<int>(type: "integer", nullable: false),
                    Resolution02 = table.Column<int>(type: "integer", nullable: false),
                    Resolution03 = table.Column<int>(type: "integer", nullable: false),
                    Resolution04 = table.Column<int>(type: "integer", nullable: false),
                    Resolution05 = table.Column<int>(type: "integer", nullable: false),
                    Resolution06 = table.Column<int>(type: "integer", nullable: false),
                    Resolution07 = table.Column<int>(type: "integer", nullable: false),
                    Resolution08 = table.Column<int>(type: "integer", nullable: false),
                    Resolution09 = table.Column<int>(type: "integer", nullable: false),
                    Resolution10 = table.Column<int>(type: "integer", nullable: false),
                    Resolution11 = table.Column<int>(type: "integer", nullable: false),
                    Resolution12 = table.Column<int>(type: "integer", nullable: false),
                    Resolution13 = table.Column<int>(type: "integer", nullable: false),
                    Resolution14 = table.Column<int>(type: "integer", nullable: false),
                    Resolution15 = table.Column<int>(type: "integer", nullable: false),
                    Resolution16 = table.Column<int>(type: "integer", nullable: false),
                    Resolution17 = table.Column<int>(type: "integer", nullable: false),
                    Resolution18 = table.Column<int>(type: "integer", nullable: false),
                    Resolution19 = table.Column<int>(type: "integer", nullable: false),
                    ResolutionOnTime = table.Column<int>(type: "integer", nullable: false),
                    Resolved = table.Column<int>(type: "integer", nullable: false),
                    Responded = table.Column<int>(type: "integer", nullable: false),
                    Response00 = table.Column<int>(type: "integer", nullable: false),
                    Response01 = table.Column<int>(type: "integer", nullable: false),
                    Response02 = table.Column<int>(type: "integer", nullable: false),
                    Response03 = table.Column<int>(type: "integer", nullable: false),
                    Response04 = table.Column<int>(type: "integer", nullable: false),
                    Response05 = table.Column<int>(type: "integer", nullable: false),
                    Response06 = table.Column<int>(type: "integer", nullable: false),
                    Response07 = table.Column<int>(type: "integer", nullable: false),
                    Response08 = table.Column<int>(type: "integer", nullable: false),
                    Response09 = table.Column<int>(type: "integer", nullable: false),
                    Response10 = table.Column<int>(type: "integer", nullable: false),
                    Response11 = table.Column<int>(type: "integer", nullable: false),
                    Response12 = table.Column<int>(type: "integer", nullable: false),
                    Response13 = table.Column<int>(type: "integer", nullable: false),
                    Response14 = table.Column<int>(type: "integer", nullable: false),
                    Response15 = table.Column<int>(type: "integer", nullable: false),
                    Response16 = table.Column<int>(type: "integer", nullable: false),
                    Response17 = table.Column<int>(type: "integer", nullable: false),
                    Response18 = table.Column<int>(type: "integer", nullable: false),
                    Response19 = table.Column<int>(type: "integer", nullable: false),
                    ResponseOnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_rollups", x => new { x.Grain, x.Level, x.AreaCode, x.Start, x.AgencyCode });
                });

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
            migrationBuilder.DropColumn(
                name: "CitizenRating",
                table: "reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CitizenRating",
                table: "reports",
                type: "integer",
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
