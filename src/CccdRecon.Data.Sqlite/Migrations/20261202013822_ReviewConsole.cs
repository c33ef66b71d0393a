using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_State",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_FieldDecisions_CaseId",
                table: "FieldDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Discrepancies_ResultId",
                table: "Discrepancies");

            migrationBuilder.AddColumn<string>(
                name: "Flags",
                table: "ReviewCases",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "ReviewCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Link",
                table: "ReviewCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "ReviewCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordId",
                table: "ReviewCases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "ReviewCases",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Unit",
                table: "ReviewCases",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "BulkId",
                table: "FieldDecisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "FieldDecisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "Discrepancies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Supersedes = table.Column<long>(type: "INTEGER", nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppliedCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseTallies",
                columns: table => new
                {
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DiffKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTallies", x => new { x.BatchId, x.Kind, x.State, x.Field, x.DiffKind });
                    table.ForeignKey(
                        name: "FK_CaseTallies_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkDecisions_ReviewCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ReviewCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_FormId",
                table: "ReviewCases",
                columns: new[] { "BatchId", "FormId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_State_Id",
                table: "ReviewCases",
                columns: new[] { "BatchId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_State_SortKey_Id",
                table: "ReviewCases",
                columns: new[] { "BatchId", "State", "SortKey", "Id" });

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

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_Unit_State_Id",
                table: "ReviewCases",
                columns: new[] { "Unit", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_Unit_State_SortKey_Id",
                table: "ReviewCases",
                columns: new[] { "Unit", "State", "SortKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldDecisions_BulkId",
                table: "FieldDecisions",
                column: "BulkId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldDecisions_CaseId_Field",
                table: "FieldDecisions",
                columns: new[] { "CaseId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ResultId_Field_Kind",
                table: "Discrepancies",
                columns: new[] { "ResultId", "Field", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkDecisions_Unit_Id",
                table: "BulkDecisions",
                columns: new[] { "Unit", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkDecisions_CaseId",
                table: "LinkDecisions",
                column: "CaseId");

            foreach (var sql in CccdRecon.Data.Migrations.ReviewConsoleData.Up)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkDecisions");

            migrationBuilder.DropTable(
                name: "CaseTallies");

            migrationBuilder.DropTable(
                name: "LinkDecisions");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_FormId",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_State_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_BatchId_State_SortKey_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_ClaimedAt",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_State_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_State_SortKey_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_Unit_State_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_ReviewCases_Unit_State_SortKey_Id",
                table: "ReviewCases");

            migrationBuilder.DropIndex(
                name: "IX_FieldDecisions_BulkId",
                table: "FieldDecisions");

            migrationBuilder.DropIndex(
                name: "IX_FieldDecisions_CaseId_Field",
                table: "FieldDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Discrepancies_ResultId_Field_Kind",
                table: "Discrepancies");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "RecordId",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "Unit",
                table: "ReviewCases");

            migrationBuilder.DropColumn(
                name: "BulkId",
                table: "FieldDecisions");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "FieldDecisions");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "Discrepancies");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_State",
                table: "ReviewCases",
                columns: new[] { "BatchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldDecisions_CaseId",
                table: "FieldDecisions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ResultId",
                table: "Discrepancies",
                column: "ResultId");
        }
    }
}
