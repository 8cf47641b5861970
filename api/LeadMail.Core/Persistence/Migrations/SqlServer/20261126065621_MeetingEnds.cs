using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MeetingEnds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EndsAt",
                table: "Interactions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceItemId",
                table: "Interactions",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Rep_OpenMeetingEnds",
                table: "Interactions",
                columns: new[] { "RepId", "EndsAt" },
                filter: "[Outcome] IS NULL AND [EndsAt] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_Rep_OpenMeetingEnds",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "SourceItemId",
                table: "Interactions");
        }
    }
}
