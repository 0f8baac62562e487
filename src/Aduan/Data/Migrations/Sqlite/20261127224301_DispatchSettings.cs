using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispatchSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConfirmationDays",
                table: "pack_info",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "CoordinationReminderHours",
                table: "pack_info",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<int>(
                name: "EvidenceRadiusMeters",
                table: "pack_info",
                type: "INTEGER",
                nullable: false,
                defaultValue: 200);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmationDays",
                table: "pack_info");

            migrationBuilder.DropColumn(
                name: "CoordinationReminderHours",
                table: "pack_info");

            migrationBuilder.DropColumn(
                name: "EvidenceRadiusMeters",
                table: "pack_info");
        }
    }
}
