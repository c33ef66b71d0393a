using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CccdRecon.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class BatchModelAndReviewConsole : Migration
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
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "ReviewCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Link",
                table: "ReviewCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "ReviewCases",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordId",
                table: "ReviewCases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "ReviewCases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Unit",
                table: "ReviewCases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "BulkId",
                table: "FieldDecisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "FieldDecisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "Discrepancies",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelJson",
                table: "Batches",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelVersion",
                table: "Batches",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Supersedes = table.Column<long>(type: "bigint", nullable: true),
                    Reviewer = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AppliedCount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseTallies",
                columns: table => new
                {
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DiffKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reviewer = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

            // The data part, as on SQLite and SQL Server (cases of every kind, their unit and link, the case tallies).
            foreach (var sql in CccdRecon.Data.Migrations.ReviewConsoleData.Up)
            {
                migrationBuilder.Sql(CccdRecon.Data.Migrations.ReviewConsoleData.Quoted(sql));
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

            migrationBuilder.DropColumn(
                name: "ModelJson",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "ModelVersion",
                table: "Batches");

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
