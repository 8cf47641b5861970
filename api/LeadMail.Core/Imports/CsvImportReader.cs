using Sylvan.Data.Csv;

namespace LeadMail.Core.Imports;

/// <summary>
/// CSV as spreadsheets write it: comma, semicolon (Excel in German and most European locales) or tab
/// delimited, chosen from the header line; quoted fields may hold delimiters and line breaks; Excel's
/// "sep=;" first line is honoured (read with Sylvan.Data.Csv, a record at a time). The header is row 1 and
/// each record one row, however many lines it spans.
/// </summary>
public static class CsvImportReader
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static ImportTable Read(Func<Stream> open) => ImportTable.Of(ImportFormat.Csv, headers => Rows(open, headers));

    private static IEnumerable<ImportFileRow> Rows(Func<Stream> open, Action<IReadOnlyList<string>>? tellHeaders)
    {
        var (declared, delimiter) = DelimiterOf(open);
        using var text = ImportText.Open(open);
        // Excel's "sep=;" line names the delimiter and is not a row of the sheet.
        if (declared) text.ReadLine();
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            // A notes cell may hold pages of text; a record must fit in the buffer.
            MaxBufferSize = 16 * 1024 * 1024,
        };
        using var csv = CsvDataReader.Create(text, options);
        var headers = false;
        var row = 0;
        while (Next(csv, row))
        {
            row++;
            var cells = new string?[csv.RowFieldCount];
            var blank = true;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
                blank &= string.IsNullOrWhiteSpace(cells[i]);
            }
            if (!headers)
            {
                if (blank)
                {
                    row--;
                    continue;
                }
                headers = true;
                tellHeaders?.Invoke(cells.Select(c => c?.Trim() ?? "").ToList());
                continue;
            }
            if (!blank) yield return new ImportFileRow(row, cells);
        }
        if (!headers) throw new ImportFileException("The file holds no header row: the first row must name the columns.");
    }

    private static bool Next(CsvDataReader csv, int row)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException bad)
        {
            throw new ImportFileException($"The file is not readable as CSV after row {row}: {bad.Message}");
        }
    }

    /// <summary>
    /// The delimiter an Excel "sep=" first line declares; otherwise the one met most often outside quotes in the
    /// header line (a comma when none is), read from the start of the text without holding more of it.
    /// </summary>
    private static (bool Declared, char Delimiter) DelimiterOf(Func<Stream> open)
    {
        using var text = ImportText.Open(open);
        Span<char> head = stackalloc char[5];
        var read = text.ReadBlock(head);
        if (read == 5 && head[..4].Equals("sep=", StringComparison.OrdinalIgnoreCase)) return (true, head[4]);

        var counts = new int[Delimiters.Length];
        var quoted = false;
        for (var i = 0; ; i++)
        {
            int next = i < read ? head[i] : text.Read();
            if (next < 0) break;
            var c = (char)next;
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
            {
                if (counts.Any(n => n > 0)) break;
            }
            else if (!quoted && Array.IndexOf(Delimiters, c) is var d and >= 0) counts[d]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return (false, Delimiters[best]);
    }
}
