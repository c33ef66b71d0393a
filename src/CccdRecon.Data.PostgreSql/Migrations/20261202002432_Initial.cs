using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CccdRecon.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    Subject = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Units = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Targets = table.Column<string>(type: "text", nullable: false),
                    TraceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Batches",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    FormsHash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FormCount = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedCount = table.Column<long>(type: "bigint", nullable: false),
                    ProcessedCount = table.Column<long>(type: "bigint", nullable: false),
                    CleanCount = table.Column<long>(type: "bigint", nullable: false),
                    ReviewCount = table.Column<long>(type: "bigint", nullable: false),
                    NoMatchCount = table.Column<long>(type: "bigint", nullable: false),
                    AmbiguousCount = table.Column<long>(type: "bigint", nullable: false),
                    ProcessedThrough = table.Column<long>(type: "bigint", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CleanRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OldId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Sources = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    BirthPlace = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DateOfBirth = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Ethnicity = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FullName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Gender = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Hometown = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PersonalId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CleanRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegistryRecords",
                columns: table => new
                {
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OldId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    BirthPlace = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DateOfBirth = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Ethnicity = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FullName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Gender = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Hometown = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PersonalId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryRecords", x => x.RecordId);
                });

            migrationBuilder.CreateTable(
                name: "StoreVersions",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreVersions", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "BatchForms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BirthPlace = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DateOfBirth = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Ethnicity = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FatherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    FullName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Gender = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Hometown = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    MotherName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PermanentAddress = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PersonalId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormRowId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    NormalizationsJson = table.Column<string>(type: "text", nullable: false),
                    ExplanationJson = table.Column<string>(type: "text", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResultId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FormValue = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    RegistryValue = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Suggestion = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResultId = table.Column<long>(type: "bigint", nullable: false),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ClaimedAt = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ResolvedAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Reviewer = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

            migrationBuilder.InsertData(
                table: "StoreVersions",
                columns: new[] { "Name", "Value" },
                values: new object[] { "registry", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Id",
                table: "AuditEvents",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt",
                table: "AuditEvents",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Subject_Id",
                table: "AuditEvents",
                columns: new[] { "Subject", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Batches_FormsHash",
                table: "Batches",
                column: "FormsHash");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_State",
                table: "Batches",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_Unit",
                table: "Batches",
                column: "Unit");

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_FormId",
                table: "BatchForms",
                columns: new[] { "BatchId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BatchForms_BatchId_Id",
                table: "BatchForms",
                columns: new[] { "BatchId", "Id" });

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
                name: "IX_RegistryRecords_Version",
                table: "RegistryRecords",
                column: "Version");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_BatchId_State",
                table: "ReviewCases",
                columns: new[] { "BatchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_ResultId",
                table: "ReviewCases",
                column: "ResultId",
                unique: true);

            // The audit trail is append-only, whatever writes to the database: a row may be inserted, never changed,
            // removed or truncated away. Written for this project (PL/pgSQL).
            migrationBuilder.Sql(@"
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$body$;");
            migrationBuilder.Sql(@"
CREATE TRIGGER ""AuditEvents_NoUpdateOrDelete"" BEFORE UPDATE OR DELETE ON ""AuditEvents""
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();");
            migrationBuilder.Sql(@"
CREATE TRIGGER ""AuditEvents_NoTruncate"" BEFORE TRUNCATE ON ""AuditEvents""
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""AuditEvents_NoTruncate"" ON ""AuditEvents"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""AuditEvents_NoUpdateOrDelete"" ON ""AuditEvents"";");
            migrationBuilder.DropTable(
                name: "AuditEvents");

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
                name: "StoreVersions");

            migrationBuilder.DropTable(
                name: "ReviewCases");

            migrationBuilder.DropTable(
                name: "BatchResults");

            migrationBuilder.DropTable(
                name: "Batches");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_events_append_only();");
        }
    }
}
