using LeadMail.Core.Persistence;
using LeadMail.Core.Persistence.Configurations;
using LeadMail.Core.Persistence.SqlServer;
using LeadMail.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LeadMail.Core.Tests.Persistence;

/// <summary>
/// No SQL Server runs here, so every statement the SQL Server path can send is parsed as T-SQL instead: the
/// idempotent migration script and each hand-written statement, taken from where it is defined. A statement
/// that does not parse, or names a table or column the model does not have, fails the suite.
/// </summary>
public sealed class SqlServerStatementTests
{
    // Never opened: the model, the script and the statements need no server.
    private static SqlServerLeadMailDb SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerLeadMailDb>().UseSqlServer("Server=(unused);Database=LeadMail;Trusted_Connection=True").Options);

    /// <summary>Every hand-written statement of the SQL Server path, by where it comes from.</summary>
    public static TheoryData<string> HandWritten() =>
        new(Statements().Keys);

    private static Dictionary<string, string> Statements()
    {
        using var db = SqlServer();
        var lookup = SqlServerContactLookup.Statements(db);
        return new Dictionary<string, string>
        {
            ["lookup: contact by address"] = lookup.FindContact,
            ["lookup: addresses"] = lookup.ListAddresses,
            ["lookup: latest touches"] = lookup.ListTouches,
            ["lookup: 7-day and cap counts"] = lookup.CountTouches,
            ["lookup: message logged"] = lookup.FindLogged,
            ["tallies: rebuild"] = SqlServerTallyStore.Rebuild,
            ["derived fields: one row"] = SqlServerDerivedFieldWrites.Statement(db, 1),
            ["derived fields: a full statement"] = SqlServerDerivedFieldWrites.Statement(db, SqlServerDerivedFieldWrites.RowsPerStatement),
            ["computed column: name key"] = $"ALTER TABLE [Contacts] ADD [NameKeyCheck] AS {DuplicateKeyConfiguration.SqlServerName} PERSISTED",
            ["computed column: phone key"] = $"ALTER TABLE [Contacts] ADD [PhoneKeyCheck] AS {DuplicateKeyConfiguration.SqlServerPhone} PERSISTED",
            ["report function: days between"] = db.StageChanges.Select(s => ReportFunctions.DaysBetween(s.FromEnteredAt, s.At)).ToQueryString(),
        };
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void A_hand_written_statement_parses_and_names_what_the_model_has(string statement)
    {
        using var db = SqlServer();
        var sql = Statements()[statement];

        var names = Parse(sql);

        var model = Model(db);
        var unknown = names.Tables.Where(t => !model.Tables.Contains(t)).Concat(names.Columns.Where(c => !model.Columns.Contains(c) && !names.Declared.Contains(c))).ToList();
        Assert.True(unknown.Count == 0, $"Not in the model: {string.Join(", ", unknown)}\n\n{sql}");
    }

    [Fact]
    public void The_idempotent_migration_script_parses()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var names = Parse(script);

        Assert.Contains("__EFMigrationsHistory", names.Tables);
        Assert.Contains("PhoneKey", names.Declared);
    }

    private static Names Parse(string sql)
    {
        var parser = new TSql180Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0,
            string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")) + "\n\n" + sql);
        var names = new Names();
        fragment.Accept(names);
        // The script runs some statements through EXEC(N'…'): those are parsed too, with what they name.
        foreach (var dynamic in names.Executed.ToList())
        {
            var inner = Parse(dynamic);
            names.Tables.UnionWith(inner.Tables);
            names.Columns.UnionWith(inner.Columns);
            names.Declared.UnionWith(inner.Declared);
        }
        return names;
    }

    private static (HashSet<string> Tables, HashSet<string> Columns) Model(LeadMailDb db)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in db.GetService<IDesignTimeModel>().Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } name) continue;
            tables.Add(name);
            var table = StoreObjectIdentifier.Table(name, entity.GetSchema());
            foreach (var property in entity.GetProperties()) columns.Add(property.GetColumnName(table)!);
        }
        return (tables, columns);
    }

    /// <summary>The tables and columns a statement names, and the aliases and derived columns it declares itself.</summary>
    private sealed class Names : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Executed { get; } = [];

        public override void Visit(ExecutableStringList node) => Executed.AddRange(node.Strings.OfType<StringLiteral>().Select(s => s.Value));

        public override void Visit(NamedTableReference node)
        {
            Tables.Add(node.SchemaObject.BaseIdentifier.Value);
            if (node.Alias is { } alias) Declared.Add(alias.Value);
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.Alias is { } alias) Declared.Add(alias.Value);
        }

        public override void Visit(ColumnDefinition node) => Declared.Add(node.ColumnIdentifier.Value);

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName is { } name) Declared.Add(name.Value);
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType != ColumnType.Regular || node.MultiPartIdentifier is not { } identifier) return;
            Columns.Add(identifier.Identifiers[^1].Value);
        }
    }
}
