using System.Globalization;
using MiniExcelLibs;

namespace LeadMail.Core.Imports;

/// <summary>
/// The first worksheet of an .xlsx workbook, streamed by MiniExcel a row at a time: the first row names the columns. Numbers
/// come back as numbers (a phone typed without a plus is one), so whole numbers are written without a
/// decimal point or exponent, and dates as ISO dates.
/// </summary>
public static class XlsxImportReader
{
    public static ImportTable Read(Func<Stream> open) => ImportTable.Of(ImportFormat.Xlsx, headers => Rows(open, headers));

    private static IEnumerable<ImportFileRow> Rows(Func<Stream> open, Action<IReadOnlyList<string>>? tellHeaders)
    {
        using var stream = open();
        using var sheet = Unreadable(() => stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator());
        var headers = false;
        var row = 0;
        while (Unreadable(sheet.MoveNext))
        {
            row++;
            var values = ((IDictionary<string, object?>)sheet.Current).Values.Select(Text).ToList();
            var blank = values.All(string.IsNullOrWhiteSpace);
            if (!headers)
            {
                if (blank)
                {
                    row--;
                    continue;
                }
                headers = true;
                tellHeaders?.Invoke(values.Select(v => v?.Trim() ?? "").ToList());
                continue;
            }
            if (!blank) yield return new ImportFileRow(row, values);
        }
        if (!headers) throw new ImportFileException("The workbook's first sheet holds no header row: the first row must name the columns.");
    }

    /// <summary>MiniExcel's ways of saying the zip or its sheet is broken, as the manager's reason.</summary>
    private static T Unreadable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException)
        {
            throw new ImportFileException("The file is not a readable .xlsx workbook.");
        }
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
