using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WhatsAppIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "whatsapp_drafts",
                columns: table => new
                {
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    MediaIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FirstMessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_whatsapp_drafts", x => x.Phone);
                });

            migrationBuilder.CreateIndex(
                name: "IX_whatsapp_drafts_UpdatedAt",
                table: "whatsapp_drafts",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_drafts");
        }
    }
}
