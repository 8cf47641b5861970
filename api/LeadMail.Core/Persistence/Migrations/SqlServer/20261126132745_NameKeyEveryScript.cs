using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NameKeyEveryScript : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing to change: on SQL Server the name key stays computed by the database, whose LOWER
            // folds every script. The SQLite migration of the same name makes it a plain column there.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
