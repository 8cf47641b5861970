using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailboxSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MailboxSyncs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stream = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DeltaLink = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    MidRound = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsSynced = table.Column<long>(type: "INTEGER", nullable: false),
                    TouchesRecorded = table.Column<long>(type: "INTEGER", nullable: false),
                    BackfillCompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resyncs = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxSyncs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailboxSyncs_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_LeaseExpiresAt_LastAttemptAt",
                table: "MailboxSyncs",
                columns: new[] { "LeaseExpiresAt", "LastAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_RepId_Stream",
                table: "MailboxSyncs",
                columns: new[] { "RepId", "Stream" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailboxSyncs");
        }
    }
}
