using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageChanges_At_From_To_ContactId",
                table: "StageChanges");

            migrationBuilder.AddColumn<DateTime>(
                name: "FromEnteredAt",
                table: "StageChanges",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 404,
                nullable: true,
                computedColumnSql: "CASE WHEN trim(COALESCE(\"FirstName\", '')) <> '' OR trim(COALESCE(\"LastName\", '')) <> '' THEN lower(trim(COALESCE(\"FirstName\", '')) || ' ' || trim(COALESCE(\"LastName\", '')) || ' | ' || trim(COALESCE(\"Company\", ''))) END",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 40,
                nullable: true,
                computedColumnSql: "NULLIF(replace(replace(replace(replace(replace(replace(\"Phone\", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''), '')",
                stored: false);

            migrationBuilder.CreateTable(
                name: "TouchTallies",
                columns: table => new
                {
                    Span = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RepKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AutoLogged = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchTallies", x => new { x.Span, x.Start, x.RepKey, x.Channel, x.Direction, x.AutoLogged });
                });

            // Backfills, once, set-based: the entry time each existing stage change would have been
            // recorded with (its contact's latest earlier change into the stage it left) ...
            migrationBuilder.Sql(@"
                UPDATE ""StageChanges"" SET ""FromEnteredAt"" = (
                    SELECT MAX(p.""At"") FROM ""StageChanges"" AS p
                    WHERE p.""ContactId"" = ""StageChanges"".""ContactId"" AND p.""To"" = ""StageChanges"".""From""
                        AND p.""At"" <= ""StageChanges"".""At"" AND p.""Id"" < ""StageChanges"".""Id"")
                WHERE ""From"" IS NOT NULL;");

            // ... and the touch tallies per hour, day, week and month, counted from the touches (instants
            // truncated as stored; weeks start on Monday).
            migrationBuilder.Sql(@"
                INSERT INTO ""TouchTallies"" (""Span"", ""Start"", ""RepKey"", ""Channel"", ""Direction"", ""AutoLogged"", ""Count"")
                SELECT 'Hour', strftime('%Y-%m-%d %H:00:00', ""OccurredAt""), COALESCE(""RepId"", 0), ""Channel"", ""Direction"", ""Origin"" = 'Sync', COUNT(*)
                FROM ""Interactions"" GROUP BY 2, 3, 4, 5, 6
                UNION ALL
                SELECT 'Day', strftime('%Y-%m-%d 00:00:00', ""OccurredAt""), COALESCE(""RepId"", 0), ""Channel"", ""Direction"", ""Origin"" = 'Sync', COUNT(*)
                FROM ""Interactions"" GROUP BY 2, 3, 4, 5, 6
                UNION ALL
                SELECT 'Week', strftime('%Y-%m-%d 00:00:00', ""OccurredAt"", '-6 days', 'weekday 1'), COALESCE(""RepId"", 0), ""Channel"", ""Direction"", ""Origin"" = 'Sync', COUNT(*)
                FROM ""Interactions"" GROUP BY 2, 3, 4, 5, 6
                UNION ALL
                SELECT 'Month', strftime('%Y-%m-01 00:00:00', ""OccurredAt""), COALESCE(""RepId"", 0), ""Channel"", ""Direction"", ""Origin"" = 'Sync', COUNT(*)
                FROM ""Interactions"" GROUP BY 2, 3, 4, 5, 6
                ");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_From_To_At_ContactId_FromEnteredAt",
                table: "StageChanges",
                columns: new[] { "From", "To", "At", "ContactId", "FromEnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_NameKey",
                table: "Contacts",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PhoneKey",
                table: "Contacts",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_TouchTallies_Covering",
                table: "TouchTallies",
                columns: new[] { "Span", "Start", "RepKey", "Channel", "Direction", "AutoLogged", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TouchTallies");

            migrationBuilder.DropIndex(
                name: "IX_StageChanges_From_To_At_ContactId_FromEnteredAt",
                table: "StageChanges");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_NameKey",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_PhoneKey",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "FromEnteredAt",
                table: "StageChanges");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_At_From_To_ContactId",
                table: "StageChanges",
                columns: new[] { "At", "From", "To", "ContactId" });
        }
    }
}
