using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseIndexesTrimmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_ClaimedAt",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_State_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_State_SortKey_Id",
                table: "ReviewCases");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_ClaimedAt",
                table: "ReviewCases",
                column: "ClaimedAt",
                filter: "\"ClaimedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_ClaimedAt",
                table: "ReviewCases");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_ClaimedAt",
                table: "ReviewCases",
                column: "ClaimedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_State_Id",
                table: "ReviewCases",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_State_SortKey_Id",
                table: "ReviewCases",
                columns: new[] { "State", "SortKey", "Id" });
        }
    }
}
