using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseCommune : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Commune",
                table: "ReviewCases",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommuneKey",
                table: "ReviewCases",
                type: "nvarchar(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_CommuneKey_Commune_Kind",
                table: "ReviewCases",
                columns: new[] { "BatchId", "CommuneKey", "Commune", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_CommuneKey_Commune_Kind",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "Commune",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "CommuneKey",
                table: "ReviewCases");
        }
    }
}
