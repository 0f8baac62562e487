using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SurveyResponses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SurveyDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EnteredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Answer1 = table.Column<int>(type: "integer", nullable: false),
                    Answer2 = table.Column<int>(type: "integer", nullable: false),
                    Answer3 = table.Column<int>(type: "integer", nullable: false),
                    Answer4 = table.Column<int>(type: "integer", nullable: false),
                    Answer5 = table.Column<int>(type: "integer", nullable: false),
                    Answer6 = table.Column<int>(type: "integer", nullable: false),
                    Answer7 = table.Column<int>(type: "integer", nullable: false),
                    Answer8 = table.Column<int>(type: "integer", nullable: false),
                    Answer9 = table.Column<int>(type: "integer", nullable: false),
                    Gender = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Age = table.Column<int>(type: "integer", nullable: true),
                    Education = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Occupation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_responses_agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_survey_responses_staff_users_EnteredBy",
                        column: x => x.EnteredBy,
                        principalTable: "staff_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_used_tickets",
                columns: table => new
                {
                    TicketHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_used_tickets", x => x.TicketHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_AgencyCode_SurveyDate",
                table: "survey_responses",
                columns: new[] { "AgencyCode", "SurveyDate" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_EnteredBy",
                table: "survey_responses",
                column: "EnteredBy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "survey_used_tickets");
        }
    }
}
