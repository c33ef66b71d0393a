using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class BatchForeignKeysDropped : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_BatchForms_Batches_BatchId",
                table: "BatchForms");

            migrationBuilder.DropForeignKey(
                name: "FK_BatchResults_Batches_BatchId",
                table: "BatchResults");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_BatchForms_Batches_BatchId",
                table: "BatchForms",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_BatchResults_Batches_BatchId",
                table: "BatchResults",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
