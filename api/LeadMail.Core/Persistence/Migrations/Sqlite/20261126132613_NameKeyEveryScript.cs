using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NameKeyEveryScript : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "NameKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 404,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 404,
                oldNullable: true,
                oldComputedColumnSql: "CASE WHEN trim(COALESCE(\"FirstName\", '')) <> '' OR trim(COALESCE(\"LastName\", '')) <> '' THEN lower(trim(COALESCE(\"FirstName\", '')) || ' ' || trim(COALESCE(\"LastName\", '')) || ' | ' || trim(COALESCE(\"Company\", ''))) END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "NameKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 404,
                nullable: true,
                computedColumnSql: "CASE WHEN trim(COALESCE(\"FirstName\", '')) <> '' OR trim(COALESCE(\"LastName\", '')) <> '' THEN lower(trim(COALESCE(\"FirstName\", '')) || ' ' || trim(COALESCE(\"LastName\", '')) || ' | ' || trim(COALESCE(\"Company\", ''))) END",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 404,
                oldNullable: true);
        }
    }
}
