using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
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
                name: "IX_StageChanges_ContactId_To_At",
                table: "StageChanges",
                columns: new[] { "ContactId", "To", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Rep_ConsentViolation",
                table: "Interactions",
                columns: new[] { "RepId", "ConsentViolation" },
                filter: "[ConsentViolation] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ContactId_DueAt_CompletedAt_ClosedAt",
                table: "FollowUps",
                columns: new[] { "ContactId", "DueAt", "CompletedAt", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Owner_Ripeness",
                table: "Contacts",
                columns: new[] { "OwnerId", "Stage", "Unsubscribed", "LastTouchAt", "CreatedAt", "NextFollowUpDue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageChanges_At_From_To_ContactId",
                table: "StageChanges");

            migrationBuilder.DropIndex(
                name: "IX_StageChanges_ContactId_To_At",
                table: "StageChanges");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_Rep_ConsentViolation",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_ContactId_DueAt_CompletedAt_ClosedAt",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Owner_Ripeness",
                table: "Contacts");
        }
    }
}
