using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LeadWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentOverrideReason",
                table: "Interactions",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentViolation",
                table: "Interactions",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OverFrequencyCap",
                table: "Interactions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PrioritySetByHand",
                table: "Contacts",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "ScoreBase",
                table: "Contacts",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContactId = table.Column<int>(type: "int", nullable: false),
                    DueAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Channel = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Attempt = table.Column<int>(type: "int", nullable: true),
                    AfterTouchAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedByRepId = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedByRepId = table.Column<int>(type: "int", nullable: true),
                    CompletedByInteractionId = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedByRepId = table.Column<int>(type: "int", nullable: true),
                    ClosedReason = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OwnerAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContactId = table.Column<int>(type: "int", nullable: false),
                    FromRepId = table.Column<int>(type: "int", nullable: true),
                    ToRepId = table.Column<int>(type: "int", nullable: true),
                    Cause = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RuleId = table.Column<int>(type: "int", nullable: true),
                    ByRepId = table.Column<int>(type: "int", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnerAssignments_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RepGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Turns = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContactId = table.Column<int>(type: "int", nullable: false),
                    From = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    To = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ByRepId = table.Column<int>(type: "int", nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageChanges_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    Interest = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Region = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    MinScore = table.Column<double>(type: "float", nullable: true),
                    MaxScore = table.Column<double>(type: "float", nullable: true),
                    RepId = table.Column<int>(type: "int", nullable: true),
                    RepGroupId = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssignmentRules_RepGroups_RepGroupId",
                        column: x => x.RepGroupId,
                        principalTable: "RepGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssignmentRules_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RepGroupMembers",
                columns: table => new
                {
                    RepGroupId = table.Column<int>(type: "int", nullable: false),
                    RepId = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepGroupMembers", x => new { x.RepGroupId, x.RepId });
                    table.ForeignKey(
                        name: "FK_RepGroupMembers_RepGroups_RepGroupId",
                        column: x => x.RepGroupId,
                        principalTable: "RepGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepGroupMembers_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ConsentViolation_OccurredAt",
                table: "Interactions",
                columns: new[] { "ConsentViolation", "OccurredAt" },
                filter: "[ConsentViolation] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_Position",
                table: "AssignmentRules",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_RepGroupId",
                table: "AssignmentRules",
                column: "RepGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_RepId",
                table: "AssignmentRules",
                column: "RepId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CompletedByRepId_CompletedAt",
                table: "FollowUps",
                columns: new[] { "CompletedByRepId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ContactId_CreatedAt",
                table: "FollowUps",
                columns: new[] { "ContactId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_OpenPerContact",
                table: "FollowUps",
                column: "ContactId",
                unique: true,
                filter: "[CompletedAt] IS NULL AND [ClosedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OwnerAssignments_ContactId_At",
                table: "OwnerAssignments",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnerAssignments_ToRepId_At",
                table: "OwnerAssignments",
                columns: new[] { "ToRepId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RepGroupMembers_RepId",
                table: "RepGroupMembers",
                column: "RepId");

            migrationBuilder.CreateIndex(
                name: "IX_RepGroups_Name",
                table: "RepGroups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_ContactId_At",
                table: "StageChanges",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_To_At",
                table: "StageChanges",
                columns: new[] { "To", "At" });

            // Leads that exist already keep their promised follow-up (the ingest path now mirrors the open
            // FollowUp row onto the contact) and start their stage history where they stand.
            migrationBuilder.Sql("""
                INSERT INTO FollowUps (ContactId, DueAt, Note, Kind, CreatedAt)
                SELECT Id, NextFollowUpDue, NextFollowUpNote, 'Manual', UpdatedAt FROM Contacts WHERE NextFollowUpDue IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO StageChanges (ContactId, [From], [To], At)
                SELECT Id, NULL, Stage, CreatedAt FROM Contacts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssignmentRules");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "OwnerAssignments");

            migrationBuilder.DropTable(
                name: "RepGroupMembers");

            migrationBuilder.DropTable(
                name: "StageChanges");

            migrationBuilder.DropTable(
                name: "RepGroups");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_ConsentViolation_OccurredAt",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "ConsentOverrideReason",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "ConsentViolation",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "OverFrequencyCap",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "PrioritySetByHand",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ScoreBase",
                table: "Contacts");
        }
    }
}
