using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LatePerPart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ResolutionLate",
                table: "report_assignments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ResponseLate",
                table: "report_assignments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The current round's lead part takes the report's marks; earlier rounds' are not known.
            migrationBuilder.Sql("UPDATE report_assignments SET \"ResponseLate\" = TRUE WHERE \"Role\" = 'Lead' AND EXISTS (SELECT 1 FROM reports r WHERE r.\"Id\" = report_assignments.\"ReportId\" AND r.\"ResponseLate\" = TRUE AND r.\"ClockStartedAt\" = report_assignments.\"DispatchedAt\")");
            migrationBuilder.Sql("UPDATE report_assignments SET \"ResolutionLate\" = TRUE WHERE \"Role\" = 'Lead' AND EXISTS (SELECT 1 FROM reports r WHERE r.\"Id\" = report_assignments.\"ReportId\" AND r.\"ResolutionLate\" = TRUE AND r.\"ClockStartedAt\" = report_assignments.\"DispatchedAt\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResolutionLate",
                table: "report_assignments");

            migrationBuilder.DropColumn(
                name: "ResponseLate",
                table: "report_assignments");
        }
    }
}
