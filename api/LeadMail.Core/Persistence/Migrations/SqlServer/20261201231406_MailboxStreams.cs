using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MailboxStreams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MailboxSyncs_RepId_Stream",
                table: "MailboxSyncs");

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "MailboxSyncs",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FolderId",
                table: "MailboxSyncs",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "FolderItemCount",
                table: "MailboxSyncs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FolderName",
                table: "MailboxSyncs",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastCommitAt",
                table: "MailboxSyncs",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WindowEndsAt",
                table: "MailboxSyncs",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_RepId_Stream_FolderId",
                table: "MailboxSyncs",
                columns: new[] { "RepId", "Stream", "FolderId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MailboxSyncs_RepId_Stream_FolderId",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "FolderId",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "FolderItemCount",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "FolderName",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "LastCommitAt",
                table: "MailboxSyncs");

            migrationBuilder.DropColumn(
                name: "WindowEndsAt",
                table: "MailboxSyncs");

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_RepId_Stream",
                table: "MailboxSyncs",
                columns: new[] { "RepId", "Stream" },
                unique: true);
        }
    }
}
