using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClockPausedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClockRound",
                table: "reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClockStartedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextEscalationAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolutionDueAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResolutionLate",
                table: "reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RespondedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResponseDueAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResponseLate",
                table: "reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeBasis",
                table: "categories",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Calendar");

            migrationBuilder.AddColumn<string>(
                name: "ServiceHours",
                table: "agencies",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_steps",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Basis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Percent = table.Column<int>(type: "integer", nullable: true),
                    AfterHours = table.Column<int>(type: "integer", nullable: true),
                    Audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TemplateKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_steps", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "report_escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            migrationBuilder.Sql("UPDATE categories SET \"TimeBasis\" = CASE WHEN \"WorkingHours\" THEN 'OfficeHours' ELSE 'Calendar' END;");

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
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }
    }
}
