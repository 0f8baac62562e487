using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RollupAreaTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rollups now carry each area's total over every agency (agency code "*"), which the
            // area tables, totals and trends read. Rows written before lack them: empty the table
            // so the rollup job (or `aduan rollups rebuild`) builds it again from the reports.
            migrationBuilder.Sql("DELETE FROM scorecard_rollups");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM scorecard_rollups");
        }
    }
}
