using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClassifierAgencyExamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgencyCode",
                table: "classifier_examples",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReportId",
                table: "classifier_examples",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_classifier_examples_ReportId",
                table: "classifier_examples",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_classifier_examples_ReportId",
                table: "classifier_examples");

            migrationBuilder.DropColumn(
                name: "AgencyCode",
                table: "classifier_examples");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "classifier_examples");
        }
    }
}
