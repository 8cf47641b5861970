using Sylvan.Data.Csv;

namespace LeadMail.Core.Imports;

/// <summary>
/// CSV as spreadsheets write it: comma, semicolon (Excel in German and most European locales) or tab
/// delimited, chosen from the header line; quoted fields may hold delimiters and line breaks; Excel's
/// "sep=;" first line is honoured (read with Sylvan.Data.Csv). The header is row 1 and each record one row, however many lines it spans.
/// </summary>
public static class CsvImportReader
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static ImportTable Read(byte[] content)
    {
        var text = ImportText.Decode(content);
        var delimiter = DelimiterDeclared(ref text) ?? DelimiterOf(text);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            // A notes cell may hold pages of text; a record must fit in the buffer.
            MaxBufferSize = 16 * 1024 * 1024,
        };
        IReadOnlyList<string>? headers = null;
        var rows = new List<ImportFileRow>();
        var row = 0;
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(text), options);
            while (csv.Read())
            {
                row++;
                var cells = new string?[csv.RowFieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
                if (headers is null)
                {
                    if (cells.All(string.IsNullOrWhiteSpace))
                    {
                        row--;
                        continue;
                    }
                    headers = cells.Select(c => c?.Trim() ?? "").ToList();
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new ImportFileRow(row, cells));
            }
        }
        catch (CsvFormatException bad)
        {
            throw new ImportFileException($"The file is not readable as CSV after row {row}: {bad.Message}");
        }
        if (headers is null) throw new ImportFileException("The file holds no header row: the first row must name the columns.");
        return new ImportTable(ImportFormat.Csv, headers, rows);
    }

    /// <summary>Excel's "sep=;" line names the delimiter and is not a row of the sheet.</summary>
    private static char? DelimiterDeclared(ref string text)
    {
        if (!text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) || text.Length < 5) return null;
        var declared = text[4];
        var lineEnd = text.IndexOf('\n');
        text = lineEnd < 0 ? "" : text[(lineEnd + 1)..];
        return declared;
    }

    /// <summary>The delimiter met most often outside quotes in the header line; a comma when none is.</summary>
    private static char DelimiterOf(string text)
    {
        var counts = new int[Delimiters.Length];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
            {
                if (counts.Any(n => n > 0)) break;
            }
            else if (!quoted && Array.IndexOf(Delimiters, c) is var i and >= 0) counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return Delimiters[best];
    }
}
