using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TouchRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TouchRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InteractionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NewOccurredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewOutcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NewSubject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NewNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TouchRevisions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TouchRevisions_Reps_ByRepId",
                        column: x => x.ByRepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_At",
                table: "TouchRevisions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_ByRepId",
                table: "TouchRevisions",
                column: "ByRepId");

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_ContactId_At",
                table: "TouchRevisions",
                columns: new[] { "ContactId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TouchRevisions");
        }
    }
}
