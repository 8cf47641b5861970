using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ContactMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SurvivorId = table.Column<int>(type: "int", nullable: false),
                    DuplicateId = table.Column<int>(type: "int", nullable: false),
                    ByRepId = table.Column<int>(type: "int", nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DuplicateName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DuplicateEmails = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FilledFields = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AddressesMoved = table.Column<int>(type: "int", nullable: false),
                    TouchesMoved = table.Column<int>(type: "int", nullable: false),
                    TouchesJoined = table.Column<int>(type: "int", nullable: false),
                    FollowUpsMoved = table.Column<int>(type: "int", nullable: false),
                    StageChangesMoved = table.Column<int>(type: "int", nullable: false),
                    AssignmentsMoved = table.Column<int>(type: "int", nullable: false),
                    RevisionsMoved = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactMerges_Contacts_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_At",
                table: "ContactMerges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_SurvivorId_At",
                table: "ContactMerges",
                columns: new[] { "SurvivorId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactMerges");
        }
    }
}
