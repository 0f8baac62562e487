using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClockPausedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClockRound",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ClockStartedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextEscalationAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolutionDueAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResolutionLate",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "RespondedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResponseDueAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResponseLate",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeBasis",
                table: "categories",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Calendar");

            migrationBuilder.AddColumn<string>(
                name: "ServiceHours",
                table: "agencies",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_steps",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    AfterHours = table.Column<int>(type: "INTEGER", nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TemplateKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_steps", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "report_escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_escalations_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_NextEscalationAt",
                table: "reports",
                column: "NextEscalationAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_escalations_ReportId_StepCode_Round",
                table: "report_escalations",
                columns: new[] { "ReportId", "StepCode", "Round" },
                unique: true);

            // Categories keep how their deadlines were counted: working hours become office hours.
            migrationBuilder.Sql("UPDATE categories SET \"TimeBasis\" = CASE WHEN \"WorkingHours\" = 1 THEN 'OfficeHours' ELSE 'Calendar' END;");

            migrationBuilder.DropColumn(
                name: "WorkingHours",
                table: "categories");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_steps");

            migrationBuilder.DropTable(
                name: "report_escalations");

            migrationBuilder.DropIndex(
                name: "IX_reports_NextEscalationAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ClockPausedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ClockRound",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ClockStartedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "NextEscalationAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ResolutionDueAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ResolutionLate",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ResponseDueAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ResponseLate",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TimeBasis",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "ServiceHours",
                table: "agencies");

            migrationBuilder.AddColumn<bool>(
                name: "WorkingHours",
                table: "categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
