using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_RepId_OccurredAt",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt_RepId_Channel_Direction_Origin_ContactId",
                table: "Interactions",
                columns: new[] { "OccurredAt", "RepId", "Channel", "Direction", "Origin", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_RepId_OccurredAt_Channel_Direction_Origin_ContactId",
                table: "Interactions",
                columns: new[] { "RepId", "OccurredAt", "Channel", "Direction", "Origin", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt_Source",
                table: "Contacts",
                columns: new[] { "CreatedAt", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_FirstConnectAt_TouchesBeforeConnect",
                table: "Contacts",
                columns: new[] { "FirstConnectAt", "TouchesBeforeConnect" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId_CreatedAt_Source",
                table: "Contacts",
                columns: new[] { "OwnerId", "CreatedAt", "Source" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_OccurredAt_RepId_Channel_Direction_Origin_ContactId",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_RepId_OccurredAt_Channel_Direction_Origin_ContactId",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt_Source",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_FirstConnectAt_TouchesBeforeConnect",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_OwnerId_CreatedAt_Source",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_RepId_OccurredAt",
                table: "Interactions",
                columns: new[] { "RepId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts",
                column: "CreatedAt");
        }
    }
}
