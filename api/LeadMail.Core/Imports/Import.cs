namespace LeadMail.Core.Imports;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>What a row became when its batch was committed.</summary>
public enum ImportAction
{
    Create,
    Update,
    Duplicate,
    Error,
}

/// <summary>
/// A file being brought into the lead database: who brought it, the defaults for its rows, and its progress,
/// saved with each batch's leads in one transaction so a restart goes on where the last batch ended.
/// </summary>
public sealed class Import
{
    public int Id { get; set; }

    /// <summary>Who uploaded it: they and managers may read its progress; it is the audit's "by" for every lead it adds.</summary>
    public int ByRepId { get; set; }

    /// <summary>Whether the uploader was a manager: a manager's import may fill any lead, a rep's only those they may edit.</summary>
    public bool ByManager { get; set; }

    /// <summary>The owner of a new lead no routing rule takes: the rep for a rep's own list, none (the queue) for a manager's.</summary>
    public int? FallbackOwnerId { get; set; }

    public required string FileName { get; set; }
    public ImportFormat Format { get; set; }
    public string? DefaultSource { get; set; }
    public DateOnly? DefaultFirstMetOn { get; set; }

    /// <summary>Whether a row's values replace a known lead's, rather than only filling its empty fields.</summary>
    public bool Overwrite { get; set; }

    public ImportStatus Status { get; set; }
    public int Total { get; set; }
    public int Processed { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public string? Failure { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    public ImportDefaults Defaults => new(DefaultSource, DefaultFirstMetOn);
}

/// <summary>
/// One batch of parsed rows, stored with the import so a resumed import needs no file; removed when the import completes.
/// A batch is what one transaction of the run commits.
/// </summary>
public sealed class ImportRowBatch
{
    public long Id { get; set; }
    public int ImportId { get; set; }

    /// <summary>The position of its first row (0, 1, 2 … in file order): the import's progress counts rows by it.</summary>
    public int Position { get; set; }

    /// <summary>The rows' numbers as the spreadsheet shows them (the header is row 1) and their mapped cells, as JSON (<see cref="ImportRows"/>).</summary>
    public required string Rows { get; set; }

    /// <summary>What each row became when the batch committed, one letter per row (<see cref="ImportRows.Letter"/>); null until then.</summary>
    public string? Actions { get; set; }
}

/// <summary>A row that could not be imported: which field and why.</summary>
public sealed class ImportRowError
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public int Row { get; set; }
    public required string Field { get; set; }
    public required string Message { get; set; }
}
