using System.Text.Json;

namespace LeadMail.Core.Imports;

/// <summary>A row's mapped cells as stored with the import (field name → text), so a resumed run reads what the upload read.</summary>
public static class ImportRows
{
    public static string Serialize(IReadOnlyDictionary<ImportField, string> values) =>
        JsonSerializer.Serialize(values.ToDictionary(v => v.Key.Name(), v => v.Value));

    public static Dictionary<ImportField, string> Deserialize(string json)
    {
        var values = new Dictionary<ImportField, string>();
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
        {
            if (ImportFields.TryParse(name, out var field)) values[field] = value;
        }
        return values;
    }

    /// <summary>Every data row of the table read into a lead through the mapping.</summary>
    public static IEnumerable<(ImportFileRow Row, Dictionary<ImportField, string> Values)> Mapped(ImportTable table, ColumnMapping mapping) =>
        table.Rows.Select(r => (r, mapping.Read(r.Cells)));
}
