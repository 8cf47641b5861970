using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TodayIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "QuietSince",
                table: "Contacts",
                type: "datetime2",
                nullable: false,
                computedColumnSql: "COALESCE([LastTouchAt], [CreatedAt])",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Owner_QuietSince",
                table: "Contacts",
                columns: new[] { "OwnerId", "QuietSince", "Id", "Stage", "Unsubscribed", "NextFollowUpDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId_NextFollowUpDue",
                table: "Contacts",
                columns: new[] { "OwnerId", "NextFollowUpDue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_Owner_QuietSince",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_OwnerId_NextFollowUpDue",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "QuietSince",
                table: "Contacts");
        }
    }
}
