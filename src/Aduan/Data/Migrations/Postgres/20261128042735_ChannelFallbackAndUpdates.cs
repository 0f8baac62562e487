using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChannelFallbackAndUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CitizenId",
                table: "outbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UpdateSequence",
                table: "channel_messages",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "channel_contacts",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastInboundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_contacts", x => x.Address);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_contacts");

            migrationBuilder.DropColumn(
                name: "CitizenId",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "UpdateSequence",
                table: "channel_messages");
        }
    }
}
