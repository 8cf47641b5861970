using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HistoryFetch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HistoryPending",
                table: "ContactEmails",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HistoryFetches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContactEmailId = table.Column<int>(type: "int", nullable: false),
                    RepId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    NextLink = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ItemsRead = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoryFetches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HistoryFetches_ContactEmails_ContactEmailId",
                        column: x => x.ContactEmailId,
                        principalTable: "ContactEmails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HistoryFetches_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactEmails_HistoryPending",
                table: "ContactEmails",
                column: "HistoryPending",
                filter: "[HistoryPending] = 1");

            migrationBuilder.CreateIndex(
                name: "IX_HistoryFetches_ContactEmailId_RepId_Kind",
                table: "HistoryFetches",
                columns: new[] { "ContactEmailId", "RepId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HistoryFetches_RepId_CompletedAt",
                table: "HistoryFetches",
                columns: new[] { "RepId", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HistoryFetches");

            migrationBuilder.DropIndex(
                name: "IX_ContactEmails_HistoryPending",
                table: "ContactEmails");

            migrationBuilder.DropColumn(
                name: "HistoryPending",
                table: "ContactEmails");
        }
    }
}
