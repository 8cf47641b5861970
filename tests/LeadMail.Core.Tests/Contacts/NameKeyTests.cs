using LeadMail.Core.Contacts;
using LeadMail.Core.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Tests.Contacts;

/// <summary>
/// The duplicate-name key: "first last | company", spaces trimmed, lower-cased in every script. The contact
/// sets it on SQLite, whose lower() folds ASCII only; SQL Server computes it with the same rule in SQL.
/// </summary>
public sealed class NameKeyTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    /// <summary>The rule as SQL (SQL Server's computed column in SQLite's dialect): trims spaces only, null when both names are blank.</summary>
    private const string SqliteExpression =
        "CASE WHEN trim(COALESCE($first, '')) <> '' OR trim(COALESCE($last, '')) <> '' " +
        "THEN lower(trim(COALESCE($first, '')) || ' ' || trim(COALESCE($last, '')) || ' | ' || trim(COALESCE($company, ''))) END";

    [Fact]
    public void For_ascii_names_the_key_is_what_the_rule_as_sql_computes()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + SqliteExpression;
        var random = new Random(20261126);
        string?[] parts = [null, "", " ", "  Ann ", "LEE", "Contoso Ltd.", "o'Brien", "Mc Donald", "\tTab", "x-Y_z 9"];

        for (var i = 0; i < 2_000; i++)
        {
            var (first, last, company) = (parts[random.Next(parts.Length)], parts[random.Next(parts.Length)], parts[random.Next(parts.Length)]);
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$first", (object?)first ?? DBNull.Value);
            command.Parameters.AddWithValue("$last", (object?)last ?? DBNull.Value);
            command.Parameters.AddWithValue("$company", (object?)company ?? DBNull.Value);
            var sqlite = command.ExecuteScalar() as string;

            Assert.Equal(sqlite, Contact.NameKeyOf(first, last, company));
        }
    }

    [Theory]
    [InlineData("ÉLODIE", "Müller", "Société Générale", "élodie müller | société générale")]
    [InlineData("Zoë", "BRANDT", null, "zoë brandt | ")]
    [InlineData("дмитрий", "ИВАНОВ", " Газпром ", "дмитрий иванов | газпром")]
    [InlineData(" ", null, "Contoso", null)]
    public void Every_script_is_folded(string? first, string? last, string? company, string? key)
    {
        var contact = new Contact { FirstName = first, LastName = last, Company = company };

        Assert.Equal(key, contact.NameKey);
        Assert.Equal(key, Contact.NameKeyOf(first, last, company));
    }

    [Fact]
    public async Task The_key_follows_every_change_of_a_name_and_is_stored()
    {
        var contact = await leads.NewContactAsync("ÅSA");
        await using (var db = leads.Open())
        {
            var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id);
            Assert.Equal("åsa  | ", stored.NameKey);
            stored.LastName = "Öberg";
            stored.Company = "ÆRØ Ferries";
            await db.SaveChangesAsync();
        }

        await using var reread = leads.Open();
        Assert.Equal("åsa öberg | ærø ferries", await reread.Contacts.Where(c => c.Id == contact.Id).Select(c => c.NameKey).SingleAsync());
        Assert.True(await reread.Contacts.AnyAsync(c => c.NameKey == "åsa öberg | ærø ferries"));
    }
}
