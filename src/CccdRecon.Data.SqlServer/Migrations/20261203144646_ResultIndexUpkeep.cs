using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ResultIndexUpkeep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_FormId",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_BatchResults_BatchId_FormId",
                table: "BatchResults");

            migrationBuilder.DropIndex(
                name: "IX_BatchResults_BatchId_FormRowId",
                table: "BatchResults");

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "FormRowId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BatchResults_BatchId_FormRowId",
                table: "BatchResults");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_FormId",
                table: "ReviewCases",
                columns: new[] { "BatchId", "FormId" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_FormId",
                table: "BatchResults",
                columns: new[] { "BatchId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "FormRowId" });
        }
    }
}
