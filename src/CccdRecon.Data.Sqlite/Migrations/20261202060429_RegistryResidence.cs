using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegistryResidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResidenceProvince",
                table: "RegistryRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegistryRecords_ResidenceProvince",
                table: "RegistryRecords",
                column: "ResidenceProvince");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RegistryRecords_ResidenceProvince",
                table: "RegistryRecords");

            migrationBuilder.DropColumn(
                name: "ResidenceProvince",
                table: "RegistryRecords");
        }
    }
}
