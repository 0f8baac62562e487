using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortalCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_AgencyCode_ReceivedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_AreaCode_ReceivedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_ReceivedAt",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_agency_period",
                table: "reports",
                columns: new[] { "AgencyCode", "ReceivedAt", "Status", "Visibility", "CategoryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_area_period",
                table: "reports",
                columns: new[] { "AreaCode", "ReceivedAt", "Status", "Visibility", "CategoryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_period",
                table: "reports",
                columns: new[] { "ReceivedAt", "AreaCode", "Status", "Visibility", "CategoryCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_agency_period",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_area_period",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_period",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "IX_reports_AgencyCode_ReceivedAt",
                table: "reports",
                columns: new[] { "AgencyCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_AreaCode_ReceivedAt",
                table: "reports",
                columns: new[] { "AreaCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReceivedAt",
                table: "reports",
                column: "ReceivedAt");
        }
    }
}
