using LeadMail.Core.Imports;

namespace LeadMail.Api.Imports;

/// <summary>What an import of the file would do: the counts and every data row's fate.</summary>
public sealed record ImportDryRunDto(int Total, int Create, int Update, int Duplicate, int Error, IReadOnlyList<ImportDryRunRowDto> Rows);

/// <summary>One data row: its row number in the spreadsheet (the header is row 1), and for a skipped row the field and why.</summary>
public sealed record ImportDryRunRowDto(int Row, ImportAction Action, string? Email, string? Field, string? Message);

/// <summary>A committed import's progress; <c>skipped</c> counts duplicates and errors, <c>errors</c> lists the latter.</summary>
public sealed record ImportDto(int Id, ImportStatus Status, int Total, int Processed, int Created, int Updated, int Skipped, IReadOnlyList<ImportErrorDto> Errors);

public sealed record ImportErrorDto(int Row, string Field, string Message);

/// <summary>A file's columns in order, as the page offers them for mapping, and every field a column can fill.</summary>
public sealed record ImportColumnsDto(ImportFormat Format, int Rows, IReadOnlyList<ImportColumnDto> Columns, IReadOnlyList<string> Fields);

/// <summary>One column: its header, the first values it holds, and the field it fills unless the manager chooses another (null: none).</summary>
public sealed record ImportColumnDto(string Header, IReadOnlyList<string> Samples, string? Field);
