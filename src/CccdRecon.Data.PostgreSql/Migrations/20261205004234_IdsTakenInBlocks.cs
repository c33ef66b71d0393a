using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The review cases' and clean records' identity sequences step by 1,024: each <c>nextval</c> hands its caller a
    /// block of 1,024 ids no other call gets (<c>PostgreSqlBulkWriter.ReserveIdsAsync</c> takes a chunk's ids a block at a
    /// time, where one <c>nextval</c> per id cost ≈ 1 s of PostgreSQL's CPU at 400,000 forms). A row inserted one at a
    /// time (its id from the default) takes a block's first id. Not a cache: a cache hands each session its own range,
    /// so ids taken by two sessions (two chunk writes, two server instances) would no longer follow the order they were
    /// taken in.
    /// </summary>
    public partial class IdsTakenInBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "ReviewCases" ALTER COLUMN "Id" SET INCREMENT BY 1024;""");
            migrationBuilder.Sql("""ALTER TABLE "CleanRecords" ALTER COLUMN "Id" SET INCREMENT BY 1024;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "ReviewCases" ALTER COLUMN "Id" SET INCREMENT BY 1;""");
            migrationBuilder.Sql("""ALTER TABLE "CleanRecords" ALTER COLUMN "Id" SET INCREMENT BY 1;""");
        }
    }
}
