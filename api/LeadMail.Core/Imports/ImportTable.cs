namespace LeadMail.Core.Imports;

/// <summary>The kinds of file an import reads.</summary>
public enum ImportFormat
{
    Csv,
    Xlsx,
    VCard,
}

/// <summary>One data row as the file holds it: its row number as the spreadsheet shows it (the header is row 1) and its cells.</summary>
public sealed record ImportFileRow(int Row, IReadOnlyList<string?> Cells);

/// <summary>
/// A file's headers and rows, whatever its format; blank rows are left out. <see cref="Rows"/> reads the file again
/// each time it is called and yields one row at a time, so what is held is a row, not the file's rows.
/// </summary>
public sealed record ImportTable(ImportFormat Format, IReadOnlyList<string> Headers, int RowCount, Func<IEnumerable<ImportFileRow>> Rows)
{
    /// <summary>
    /// The table of a reader's <paramref name="scan"/>, which reads the file from its start, tells the headers once it
    /// has them and yields the data rows: one pass here reads the headers and counts the rows, keeping none of them.
    /// </summary>
    public static ImportTable Of(ImportFormat format, Func<Action<IReadOnlyList<string>>?, IEnumerable<ImportFileRow>> scan)
    {
        IReadOnlyList<string> headers = [];
        var count = 0;
        foreach (var _ in scan(h => headers = h)) count++;
        return new ImportTable(format, headers, count, () => scan(null));
    }
}

/// <summary>Thrown when a file cannot be read: names what is wrong so the manager can fix the file.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>Reads an uploaded file by its format.</summary>
public static class ImportFile
{
    /// <summary>
    /// The format from the content (a zip is a workbook, "BEGIN:VCARD" a vCard), else from the declared type or
    /// the file name; null when it is none of them. Browsers label .csv files in many ways, so text that is not a
    /// vCard is read as CSV when nothing says otherwise.
    /// </summary>
    public static ImportFormat? Detect(ReadOnlySpan<byte> content, string? contentType, string? fileName)
    {
        if (content.StartsWith("PK\u0003\u0004"u8)) return ImportFormat.Xlsx;
        if (LooksLikeVCard(content)) return ImportFormat.VCard;
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (type is "text/vcard" or "text/x-vcard" or "text/directory" || extension is ".vcf" or ".vcard") return ImportFormat.VCard;
        if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || extension == ".xlsx") return ImportFormat.Xlsx;
        if (type is "text/csv" or "text/plain" or "application/csv" or "text/comma-separated-values" or "application/vnd.ms-excel" or "text/tab-separated-values"
            || extension is ".csv" or ".txt" or ".tsv") return ImportFormat.Csv;
        var undeclared = type is null or "" or "application/octet-stream" && extension is "";
        return undeclared && !content.Contains((byte)0) ? ImportFormat.Csv : null;
    }

    /// <summary>The file's table; <paramref name="open"/> gives a new stream over the file each time it is called.</summary>
    public static ImportTable Read(ImportFormat format, Func<Stream> open) => format switch
    {
        ImportFormat.Csv => CsvImportReader.Read(open),
        ImportFormat.Xlsx => XlsxImportReader.Read(open),
        _ => VCardImportReader.Read(open),
    };

    public static ImportTable Read(ImportFormat format, byte[] content) => Read(format, () => new MemoryStream(content, writable: false));

    private static bool LooksLikeVCard(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8)) content = content[3..];
        var start = 0;
        while (start < content.Length && content[start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') start++;
        var head = content[start..Math.Min(content.Length, start + 11)];
        return System.Text.Encoding.ASCII.GetString(head).Equals("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase);
    }
}
