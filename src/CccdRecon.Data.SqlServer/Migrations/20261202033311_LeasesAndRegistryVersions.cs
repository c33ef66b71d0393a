using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class LeasesAndRegistryVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "RegistryRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "Batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "Batches",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProcessedThrough",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // A form is done when its id is at most its batch's cursor and it has no result (a re-run keeps the results of
            // forms a person decided on). The cursor starts before the first form still to match, or after the last form.
            migrationBuilder.Sql("EXEC(N'UPDATE b SET ProcessedThrough = COALESCE((SELECT MIN(f.Id) - 1 FROM BatchForms AS f WHERE f.BatchId = b.Id AND f.Processed = 0), (SELECT MAX(f.Id) FROM BatchForms AS f WHERE f.BatchId = b.Id), 0) FROM Batches AS b;');");

            migrationBuilder.DropIndex(
                name: "IX_BatchForms_BatchId_Processed_Id",
                table: "BatchForms");

            migrationBuilder.DropColumn(
                name: "Processed",
                table: "BatchForms");

            migrationBuilder.CreateTable(
                name: "StoreVersions",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreVersions", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "StoreVersions",
                columns: new[] { "Name", "Value" },
                values: new object[] { "registry", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_RegistryRecords_Version",
                table: "RegistryRecords",
                column: "Version");

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_Id",
                table: "BatchForms",
                columns: new[] { "BatchId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoreVersions");

            migrationBuilder.DropIndex(
                name: "IX_RegistryRecords_Version",
                table: "RegistryRecords");

            migrationBuilder.DropIndex(
                name: "IX_BatchForms_BatchId_Id",
                table: "BatchForms");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "RegistryRecords");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "ProcessedThrough",
                table: "Batches");

            migrationBuilder.AddColumn<bool>(
                name: "Processed",
                table: "BatchForms",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_Processed_Id",
                table: "BatchForms",
                columns: new[] { "BatchId", "Processed", "Id" });
        }
    }
}
