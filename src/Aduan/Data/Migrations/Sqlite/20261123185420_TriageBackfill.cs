using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reports from before triage: say where their category and area came from.
            migrationBuilder.Sql("UPDATE reports SET \"CategorySource\" = 'Citizen' WHERE \"CategoryCode\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE reports SET \"AreaSource\" = 'Coordinates' WHERE \"AreaCode\" IS NOT NULL AND \"Latitude\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE reports SET \"LocationCell\" = (CAST((\"Latitude\" + 90) / 0.002 AS INTEGER) * 180001) + CAST((\"Longitude\" + 180) / 0.002 AS INTEGER) WHERE \"Latitude\" IS NOT NULL AND \"Longitude\" IS NOT NULL;"); // GeoCell.For
            migrationBuilder.Sql("UPDATE reports SET \"AreaSource\" = 'AddressText' WHERE \"AreaCode\" IS NOT NULL AND \"Latitude\" IS NULL;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
