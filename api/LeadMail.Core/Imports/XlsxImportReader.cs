using System.Globalization;
using MiniExcelLibs;

namespace LeadMail.Core.Imports;

/// <summary>
/// The first worksheet of an .xlsx workbook, streamed by MiniExcel: the first row names the columns. Numbers
/// come back as numbers (a phone typed without a plus is one), so whole numbers are written without a
/// decimal point or exponent, and dates as ISO dates.
/// </summary>
public static class XlsxImportReader
{
    public static ImportTable Read(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        IReadOnlyList<string>? headers = null;
        var rows = new List<ImportFileRow>();
        var row = 0;
        try
        {
            foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                row++;
                var values = cells.Values.Select(Text).ToList();
                if (headers is null)
                {
                    if (values.All(string.IsNullOrWhiteSpace))
                    {
                        row--;
                        continue;
                    }
                    headers = values.Select(v => v?.Trim() ?? "").ToList();
                    continue;
                }
                if (values.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new ImportFileRow(row, values));
            }
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException)
        {
            throw new ImportFileException("The file is not a readable .xlsx workbook.");
        }
        if (headers is null) throw new ImportFileException("The workbook's first sheet holds no header row: the first row must name the columns.");
        return new ImportTable(ImportFormat.Xlsx, headers, rows);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture),
        double n when Math.Abs(n) < 1e15 && n == Math.Floor(n) => n.ToString("0", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
