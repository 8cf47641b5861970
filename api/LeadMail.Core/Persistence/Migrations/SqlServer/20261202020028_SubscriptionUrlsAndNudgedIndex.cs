using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SubscriptionUrlsAndNudgedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LifecycleNotificationUrl",
                table: "MailSubscriptions",
                type: "nvarchar(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotificationUrl",
                table: "MailSubscriptions",
                type: "nvarchar(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_NudgedAt",
                table: "MailboxSyncs",
                column: "NudgedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MailboxSyncs_NudgedAt",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "LifecycleNotificationUrl",
                table: "MailSubscriptions");

            migrationBuilder.DropColumn(
                name: "NotificationUrl",
                table: "MailSubscriptions");
        }
    }
}
