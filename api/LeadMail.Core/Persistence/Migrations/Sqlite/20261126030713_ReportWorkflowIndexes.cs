using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportWorkflowIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_At_From_To_ContactId",
                table: "StageChanges",
                columns: new[] { "At", "From", "To", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_DueAt_ContactId_CompletedAt_ClosedAt",
                table: "FollowUps",
                columns: new[] { "DueAt", "ContactId", "CompletedAt", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageChanges_At_From_To_ContactId",
                table: "StageChanges");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_DueAt_ContactId_CompletedAt_ClosedAt",
                table: "FollowUps");
        }
    }
}
