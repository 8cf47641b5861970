using System.Globalization;
using System.Text.Json;
using LeadMail.Api.Web;
using LeadMail.Core.Imports;

namespace LeadMail.Api.Imports;

/// <summary>An upload read and checked: the file's table, the column mapping and the defaults for its rows.</summary>
public sealed record ImportUpload(string FileName, ImportTable Table, ColumnMapping Mapping, ImportDefaults Defaults, bool Overwrite);

/// <summary>
/// Reads an import request: the file as the multipart field <c>file</c> (other fields beside it) or as the raw body with
/// its content type (fields in the query); <c>mapping</c> is a JSON object of header to field, <c>source</c> and
/// <c>firstMetOn</c> the defaults for rows without one, <c>overwrite</c> whether known leads' values are replaced.
/// </summary>
public static class ImportUploads
{
    public static async Task<(ImportUpload? Upload, FieldErrors Errors)> ReadAsync(HttpRequest request, ImportOptions options, CancellationToken ct)
    {
        var (file, errors) = await ReadFileAsync(request, options, withFields: true, ct);
        if (file is null) return (null, errors);
        var (table, defaults, overwrite, overrides) = (file.Table, file.Defaults, file.Overwrite, file.Overrides);

        ColumnMapping mapping;
        try
        {
            mapping = ColumnMapping.For(table.Headers, overrides);
        }
        catch (ImportMappingException bad)
        {
            errors.Add("mapping", bad.Message);
            return (null, errors);
        }
        if (!mapping.Columns.Keys.Any(f => f is ImportField.Email or ImportField.FirstName or ImportField.LastName or ImportField.FullName or ImportField.Company))
        {
            errors.Add("mapping", $"No column is recognised as an email address, a name or a company (the columns are: {string.Join(", ", table.Headers)}). " +
                "Send a mapping such as {\"Mail\": \"email\"}.");
            return (null, errors);
        }
        return (new ImportUpload(file.FileName, table, mapping, defaults, overwrite), errors);
    }

    /// <summary>The uploaded file read into its table, before any mapping: what the page offers the mapping from.</summary>
    public static async Task<(ImportTable? Table, FieldErrors Errors)> ReadTableAsync(HttpRequest request, ImportOptions options, CancellationToken ct)
    {
        var (file, errors) = await ReadFileAsync(request, options, withFields: false, ct);
        return (file?.Table, errors);
    }

    private sealed record UploadedFile(string FileName, ImportTable Table, ImportDefaults Defaults, bool Overwrite, Dictionary<string, string?>? Overrides);

    /// <summary>The file and, <paramref name="withFields"/>, the form fields beside it, each checked.</summary>
    private static async Task<(UploadedFile? File, FieldErrors Errors)> ReadFileAsync(HttpRequest request, ImportOptions options, bool withFields, CancellationToken ct)
    {
        var errors = new FieldErrors();
        IFormCollection? form = null;
        byte[]? content;
        string? fileName, contentType;
        if (request.HasFormContentType)
        {
            form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                errors.Add("file", "Send the file as the multipart field 'file'.");
                return (null, errors);
            }
            if (file.Length > options.MaxFileBytes) return (null, TooLarge(errors, options));
            await using var stream = file.OpenReadStream();
            content = await ReadAsync(stream, options.MaxFileBytes, ct);
            (fileName, contentType) = (file.FileName, file.ContentType);
        }
        else
        {
            content = await ReadAsync(request.Body, options.MaxFileBytes, ct);
            (fileName, contentType) = (request.Query["fileName"].FirstOrDefault(), request.ContentType);
        }
        if (content is null) return (null, TooLarge(errors, options));
        string? Field(string name) => form?[name].FirstOrDefault() is { Length: > 0 } value ? value : request.Query[name].FirstOrDefault();

        var defaults = withFields ? ReadDefaults(Field("source"), Field("firstMetOn"), errors) : new ImportDefaults(null, null);
        var overwrite = false;
        if (withFields && Field("overwrite") is { } overwriteText && !bool.TryParse(overwriteText, out overwrite))
            errors.Add("overwrite", "overwrite must be true or false.");
        var overrides = withFields ? ReadMapping(Field("mapping"), errors) : null;

        if (content.Length == 0) errors.Add("file", "The file is empty.");
        if (errors.Any) return (null, errors);

        if (ImportFile.Detect(content, contentType, fileName) is not { } format)
        {
            errors.Add("file", $"The file is not CSV, .xlsx or vCard (.vcf) (it was sent as {contentType ?? "no content type"}).");
            return (null, errors);
        }
        ImportTable table;
        try
        {
            table = ImportFile.Read(format, content);
        }
        catch (ImportFileException unreadable)
        {
            errors.Add("file", unreadable.Message);
            return (null, errors);
        }
        if (table.RowCount == 0) errors.Add("file", "The file holds no rows to import below its header.");
        else if (table.RowCount > options.MaxRows) errors.Add("file", $"The file holds {table.RowCount:N0} rows; an import takes at most {options.MaxRows:N0}.");
        if (errors.Any) return (null, errors);

        var name = string.IsNullOrWhiteSpace(fileName) ? $"import.{format.ToString().ToLowerInvariant()}" : Path.GetFileName(fileName);
        return (new UploadedFile(name, table, defaults, overwrite, overrides), errors);
    }

    /// <summary>The whole stream, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static FieldErrors TooLarge(FieldErrors errors, ImportOptions options)
    {
        errors.Add("file", $"The file is larger than {options.MaxFileBytes / (1024 * 1024)} MB; split it into several imports.");
        return errors;
    }

    private static ImportDefaults ReadDefaults(string? source, string? firstMetOn, FieldErrors errors)
    {
        source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        errors.MaxLength("source", source, 100);
        DateOnly? met = null;
        if (!string.IsNullOrWhiteSpace(firstMetOn))
        {
            if (DateOnly.TryParseExact(firstMetOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900)
                met = date;
            else errors.Add("firstMetOn", "firstMetOn must be a date like 2026-03-14.");
        }
        return new ImportDefaults(source, met);
    }

    private static Dictionary<string, string?>? ReadMapping(string? json, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string?>>(json);
            if (mapping is not null) return mapping;
        }
        catch (JsonException)
        {
            // Reported below, as any mapping that is not an object of strings.
        }
        errors.Add("mapping", "mapping must be a JSON object of column header to field, e.g. {\"Mail\": \"email\", \"Notes\": \"\"}.");
        return null;
    }
}
