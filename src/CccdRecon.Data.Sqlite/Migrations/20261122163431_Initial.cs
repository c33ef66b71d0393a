using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Batches",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    FormsHash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    FormCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    CleanCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewCount = table.Column<long>(type: "INTEGER", nullable: false),
                    NoMatchCount = table.Column<long>(type: "INTEGER", nullable: false),
                    AmbiguousCount = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CleanRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonalId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    OldId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    DateOfBirth = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    BirthPlace = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Hometown = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CleanRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegistryRecords",
                columns: table => new
                {
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OldId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    DateOfBirth = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BirthPlace = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Hometown = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryRecords", x => x.RecordId);
                });

            migrationBuilder.CreateTable(
                name: "BatchForms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonalId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    DateOfBirth = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    BirthPlace = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Hometown = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Processed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchForms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchForms_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BatchResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormRowId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    NormalizationsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ExplanationJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchResults_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Discrepancies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FormValue = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    RegistryValue = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discrepancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Discrepancies_BatchResults_ResultId",
                        column: x => x.ResultId,
                        principalTable: "BatchResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<long>(type: "INTEGER", nullable: false),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewCases_BatchResults_ResultId",
                        column: x => x.ResultId,
                        principalTable: "BatchResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FieldDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldDecisions_ReviewCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ReviewCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Batches_FormsHash",
                table: "Batches",
                column: "FormsHash");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_State",
                table: "Batches",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_FormId",
                table: "BatchForms",
                columns: new[] { "BatchId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_Processed_Id",
                table: "BatchForms",
                columns: new[] { "BatchId", "Processed", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_FormId",
                table: "BatchResults",
                columns: new[] { "BatchId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "FormRowId" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchResults_BatchId_Status_FormRowId",
                table: "BatchResults",
                columns: new[] { "BatchId", "Status", "FormRowId" });

            migrationBuilder.CreateIndex(
                name: "IX_CleanRecords_BatchId_FormId",
                table: "CleanRecords",
                columns: new[] { "BatchId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CleanRecords_BatchId_Id",
                table: "CleanRecords",
                columns: new[] { "BatchId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_Field_Kind",
                table: "Discrepancies",
                columns: new[] { "Field", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ResultId",
                table: "Discrepancies",
                column: "ResultId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldDecisions_CaseId",
                table: "FieldDecisions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_State",
                table: "ReviewCases",
                columns: new[] { "BatchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_ResultId",
                table: "ReviewCases",
                column: "ResultId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BatchForms");

            migrationBuilder.DropTable(
                name: "CleanRecords");

            migrationBuilder.DropTable(
                name: "Discrepancies");

            migrationBuilder.DropTable(
                name: "FieldDecisions");

            migrationBuilder.DropTable(
                name: "RegistryRecords");

            migrationBuilder.DropTable(
                name: "ReviewCases");

            migrationBuilder.DropTable(
                name: "BatchResults");

            migrationBuilder.DropTable(
                name: "Batches");
        }
    }
}
