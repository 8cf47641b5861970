using System.Text.Json;

namespace LeadMail.Core.Imports;

/// <summary>One mapped row: its number in the spreadsheet and its cells by field.</summary>
public sealed record MappedRow(int Row, Dictionary<ImportField, string> Values);

/// <summary>
/// A batch's mapped rows as stored with the import (a JSON array of row number and field name → text), so a resumed
/// run reads what the upload read; and the letters that record what each row became.
/// </summary>
public static class ImportRows
{
    private sealed record StoredRow(int Row, Dictionary<string, string> Values);

    public static string Serialize(IEnumerable<MappedRow> rows) =>
        JsonSerializer.Serialize(rows.Select(r => new StoredRow(r.Row, r.Values.ToDictionary(v => v.Key.Name(), v => v.Value))));

    public static List<MappedRow> Deserialize(string json)
    {
        var rows = new List<MappedRow>();
        foreach (var stored in JsonSerializer.Deserialize<List<StoredRow>>(json) ?? [])
        {
            var values = new Dictionary<ImportField, string>();
            foreach (var (name, value) in stored.Values)
            {
                if (ImportFields.TryParse(name, out var field)) values[field] = value;
            }
            rows.Add(new MappedRow(stored.Row, values));
        }
        return rows;
    }

    /// <summary>Every data row of the table read into fields through the mapping, as the file is read.</summary>
    public static IEnumerable<MappedRow> Mapped(ImportTable table, ColumnMapping mapping) =>
        table.Rows().Select(r => new MappedRow(r.Row, mapping.Read(r.Cells)));

    public static char Letter(ImportAction action) => action switch
    {
        ImportAction.Create => 'C',
        ImportAction.Update => 'U',
        ImportAction.Duplicate => 'D',
        _ => 'E',
    };

    public static ImportAction ActionOf(char letter) => letter switch
    {
        'C' => ImportAction.Create,
        'U' => ImportAction.Update,
        'D' => ImportAction.Duplicate,
        _ => ImportAction.Error,
    };
}
