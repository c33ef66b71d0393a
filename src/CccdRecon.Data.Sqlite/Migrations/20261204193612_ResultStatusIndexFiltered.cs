using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResultStatusIndexFiltered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BatchResults_BatchId_Status_FormRowId",
                table: "BatchResults");

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_Status_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "Status", "FormRowId" },
                filter: "\"Status\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BatchResults_BatchId_Status_FormRowId",
                table: "BatchResults");

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_Status_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "Status", "FormRowId" });
        }
    }
}
