using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringTouchHistoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_ContactId_OccurredAt",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ContactId_OccurredAt_Id_Direction_IsConnect_Channel_Outcome",
                table: "Interactions",
                columns: new[] { "ContactId", "OccurredAt", "Id", "Direction", "IsConnect", "Channel", "Outcome" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_ContactId_OccurredAt_Id_Direction_IsConnect_Channel_Outcome",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ContactId_OccurredAt",
                table: "Interactions",
                columns: new[] { "ContactId", "OccurredAt" });
        }
    }
}
