using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Contacts",
                type: "nvarchar(404)",
                maxLength: 404,
                nullable: true,
                computedColumnSql: "CASE WHEN LTRIM(RTRIM(COALESCE([FirstName], N''))) <> N'' OR LTRIM(RTRIM(COALESCE([LastName], N''))) <> N'' THEN LOWER(LTRIM(RTRIM(COALESCE([FirstName], N''))) + N' ' + LTRIM(RTRIM(COALESCE([LastName], N''))) + N' | ' + LTRIM(RTRIM(COALESCE([Company], N'')))) END",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "Contacts",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true,
                computedColumnSql: "NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Phone], N' ', N''), N'-', N''), N'(', N''), N')', N''), N'.', N''), N'/', N'')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "TouchTallies",
                columns: table => new
                {
                    Span = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RepKey = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AutoLogged = table.Column<bool>(type: "bit", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchTallies", x => new { x.Span, x.Start, x.RepKey, x.Channel, x.Direction, x.AutoLogged });
                });

            // Backfills, once, set-based: the entry time each existing stage change would have been
            // recorded with (its contact's latest earlier change into the stage it left) ...
            migrationBuilder.Sql(@"
                UPDATE s SET [FromEnteredAt] = (
                    SELECT MAX(p.[At]) FROM [StageChanges] AS p
                    WHERE p.[ContactId] = s.[ContactId] AND p.[To] = s.[From] AND p.[At] <= s.[At] AND p.[Id] < s.[Id])
                FROM [StageChanges] AS s
                WHERE s.[From] IS NOT NULL;");

            // ... and the touch tallies per hour, day, week and month, counted from the touches (instants
            // truncated as stored; weeks start on Monday).
            migrationBuilder.Sql(@"
                INSERT INTO [TouchTallies] ([Span], [Start], [RepKey], [Channel], [Direction], [AutoLogged], [Count])
                SELECT N'Hour', DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
                FROM [Interactions]
                GROUP BY DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
                UNION ALL
                SELECT N'Day', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
                FROM [Interactions]
                GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
                UNION ALL
                SELECT N'Week', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
                FROM [Interactions]
                GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
                UNION ALL
                SELECT N'Month', DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
                FROM [Interactions]
                GROUP BY DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END;
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
