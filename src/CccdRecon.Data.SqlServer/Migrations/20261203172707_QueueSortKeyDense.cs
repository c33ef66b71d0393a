using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CccdRecon.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QueueSortKeyDense : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The queue's sort keys get a narrower form that only the application computes: emptied here, written again
            // at start (ReviewStore.UpgradeAsync).
            migrationBuilder.Sql(CccdRecon.Data.Migrations.QueueSortKeyData.EmptyKeys);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CccdRecon.Data.Migrations.QueueSortKeyData.EmptyKeys);
        }
    }
}
