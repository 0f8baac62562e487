using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    DigestedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    NextDigestAt = table.Column<long>(type: "INTEGER", nullable: true)
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
