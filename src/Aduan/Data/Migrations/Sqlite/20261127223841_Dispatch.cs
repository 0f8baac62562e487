using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CitizenRating",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenTokenHash",
                table: "reports",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HistoryHead",
                table: "reports",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "report_updates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "report_updates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "report_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DispatchedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfficerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_assignments_agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_report_assignments_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_coordinations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ForwardedByAgency = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextReminderAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reminders = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_coordinations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_coordinations_agencies_BodyCode",
                        column: x => x.BodyCode,
                        principalTable: "agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_report_coordinations_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_Status_ResolvedAt",
                table: "reports",
                columns: new[] { "Status", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_report_updates_ReportId_Sequence",
                table: "report_updates",
                columns: new[] { "ReportId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_AgencyCode_Status",
                table: "report_assignments",
                columns: new[] { "AgencyCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_report_assignments_ReportId",
                table: "report_assignments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_coordinations_BodyCode",
                table: "report_coordinations",
                column: "BodyCode");

            migrationBuilder.CreateIndex(
                name: "IX_report_coordinations_ReportId",
                table: "report_coordinations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_coordinations_Status_NextReminderAt",
                table: "report_coordinations",
                columns: new[] { "Status", "NextReminderAt" });

            // Existing timelines get their order for the history chain (hashes are computed by
            // HistoryBackfill at start, since SQL cannot hash the same way on both databases).
            migrationBuilder.Sql("UPDATE report_updates SET \"Sequence\" = (SELECT COUNT(*) FROM report_updates p WHERE p.\"ReportId\" = report_updates.\"ReportId\" AND (p.\"At\" < report_updates.\"At\" OR (p.\"At\" = report_updates.\"At\" AND p.\"Id\" <= report_updates.\"Id\")));");
            // Reports dispatched before assignments existed get their lead agency's part.
            migrationBuilder.Sql("INSERT INTO report_assignments (\"ReportId\", \"AgencyCode\", \"Role\", \"Status\", \"DispatchedAt\", \"DispatchedBy\") "
                + "SELECT \"Id\", \"AgencyCode\", 'Lead', CASE WHEN \"Status\" IN ('Dispatched', 'Reopened') THEN 'Dispatched' WHEN \"Status\" IN ('Resolved', 'Closed') THEN 'Done' ELSE 'Accepted' END, \"LastChangedAt\", 'migrasi' "
                + "FROM reports WHERE \"AgencyCode\" IS NOT NULL AND \"Status\" IN ('Dispatched', 'InProgress', 'WaitingForCitizen', 'ForwardedToOutsideBody', 'Resolved', 'Closed', 'Reopened');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_assignments");

            migrationBuilder.DropTable(
                name: "report_coordinations");

            migrationBuilder.DropIndex(
                name: "IX_reports_Status_ResolvedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_report_updates_ReportId_Sequence",
                table: "report_updates");

            migrationBuilder.DropColumn(
                name: "CitizenRating",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CitizenTokenHash",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "HistoryHead",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "report_updates");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "report_updates");
        }
    }
}
