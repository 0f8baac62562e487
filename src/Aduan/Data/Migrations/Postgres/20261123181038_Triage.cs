using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CategoryCode",
                table: "reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "AreaSource",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<double>(
                name: "CategoryConfidence",
                table: "reports",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CategorySource",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<int>(
                name: "Flags",
                table: "reports",
                type: "integer",
                maxLength: 32,
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LocationCell",
                table: "reports",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TriageJson",
                table: "reports",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TriagedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AutoCategoryThreshold",
                table: "pack_info",
                type: "double precision",
                nullable: false,
                defaultValue: 0.6);

            migrationBuilder.AddColumn<int>(
                name: "DuplicateRadiusMeters",
                table: "categories",
                type: "integer",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<int>(
                name: "DuplicateWindowHours",
                table: "categories",
                type: "integer",
                nullable: false,
                defaultValue: 336);

            migrationBuilder.CreateTable(
                name: "blocked_contacts",
                columns: table => new
                {
                    Contact = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BlockedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BlockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_contacts", x => x.Contact);
                });

            migrationBuilder.CreateTable(
                name: "classifier_examples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classifier_examples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ground_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Instructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CheckedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Finding = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PhotoSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    DistanceMeters = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ground_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ground_checks_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_LocationCell_ReceivedAt",
                table: "reports",
                columns: new[] { "LocationCell", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_Status_Flags",
                table: "reports",
                columns: new[] { "Status", "Flags" });

            migrationBuilder.CreateIndex(
                name: "IX_classifier_examples_CreatedAt",
                table: "classifier_examples",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ground_checks_Outcome_AreaCode",
                table: "ground_checks",
                columns: new[] { "Outcome", "AreaCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ground_checks_ReportId",
                table: "ground_checks",
                column: "ReportId");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blocked_contacts");

            migrationBuilder.DropTable(
                name: "classifier_examples");

            migrationBuilder.DropTable(
                name: "ground_checks");

            migrationBuilder.DropIndex(
                name: "IX_reports_LocationCell_ReceivedAt",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_Status_Flags",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AreaSource",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CategoryConfidence",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CategorySource",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "LocationCell",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TriageJson",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "TriagedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AutoCategoryThreshold",
                table: "pack_info");

            migrationBuilder.DropColumn(
                name: "DuplicateRadiusMeters",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "DuplicateWindowHours",
                table: "categories");

            migrationBuilder.AlterColumn<string>(
                name: "CategoryCode",
                table: "reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
