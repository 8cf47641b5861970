using System.ComponentModel.DataAnnotations;

namespace LeadMail.Core.Imports;

/// <summary>Limits and pacing of imports (configuration section "Imports").</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Rows per transaction: a crash loses at most one batch's work, which the restart redoes.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The largest file accepted, in bytes.</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most data rows one file may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 200_000;
}
