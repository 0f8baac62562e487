using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Priorities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing reports are normal priority and existing packs reopen with full targets (enums are stored by name).
            migrationBuilder.AddColumn<string>(
                name: "ClockPriority",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Normal");

            migrationBuilder.AddColumn<string>(
                name: "Priority",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Normal");

            migrationBuilder.AddColumn<string>(
                name: "ReopenDeadline",
                table: "pack_info",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Full");

            migrationBuilder.AddColumn<int>(
                name: "ReopenResolutionHours",
                table: "pack_info",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deadline_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CategoryCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ResponseHours = table.Column<int>(type: "integer", nullable: false),
                    ResolutionHours = table.Column<int>(type: "integer", nullable: false),
                    TimeBasis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deadline_policies_CategoryCode_Priority",
                table: "deadline_policies",
                columns: new[] { "CategoryCode", "Priority" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deadline_policies");

            migrationBuilder.DropColumn(
                name: "ClockPriority",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "ReopenDeadline",
                table: "pack_info");

            migrationBuilder.DropColumn(
                name: "ReopenResolutionHours",
                table: "pack_info");
        }
    }
}
