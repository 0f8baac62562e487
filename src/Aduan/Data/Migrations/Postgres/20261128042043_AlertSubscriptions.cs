using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Target = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSequence = table.Column<int>(type: "integer", nullable: false),
                    DigestedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextDigestAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscriptions_Email_Topic_Target",
                table: "alert_subscriptions",
                columns: new[] { "Email", "Topic", "Target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscriptions_NextDigestAt",
                table: "alert_subscriptions",
                column: "NextDigestAt");

            migrationBuilder.CreateIndex(
                name: "IX_alert_subscriptions_Topic_Target",
                table: "alert_subscriptions",
                columns: new[] { "Topic", "Target" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_subscriptions");
        }
    }
}
