using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Action",
                table: "ImportRows");

            migrationBuilder.DropColumn(
                name: "Row",
                table: "ImportRows");

            migrationBuilder.RenameColumn(
                name: "Values",
                table: "ImportRows",
                newName: "Rows");

            migrationBuilder.AddColumn<string>(
                name: "Actions",
                table: "ImportRows",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Actions",
                table: "ImportRows");

            migrationBuilder.RenameColumn(
                name: "Rows",
                table: "ImportRows",
                newName: "Values");

            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "ImportRows",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Row",
                table: "ImportRows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
