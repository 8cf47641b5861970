using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadMail.Benchmarks.Dataset;

/// <summary>
/// What to generate. Equal options give byte-for-byte the same rows (one seeded random stream,
/// consumed in a fixed order), so a cached file can stand in for a fresh generation.
/// </summary>
public sealed record DatasetOptions
{
    public int Reps { get; init; } = 50;

    /// <summary>How many of <see cref="Reps"/> are managers (the last ones by id); they own no leads.</summary>
    public int Managers { get; init; } = 5;

    public int Contacts { get; init; } = 100_000;
    public int Interactions { get; init; } = 2_000_000;
    public int Seed { get; init; } = 20_261_126;

    /// <summary>The dataset's "now" (UTC): contacts were created and touched over the <see cref="History"/> before it.</summary>
    public required DateTime Anchor { get; init; }

    public TimeSpan History { get; init; } = TimeSpan.FromDays(730);

    /// <summary>Share of contacts in the unassigned queue (no owner).</summary>
    public double UnassignedShare { get; init; } = 0.12;

    /// <summary>Bump when the generator's output changes, so cached files from an older generator are not reused.</summary>
    public const int GeneratorVersion = 5;

    /// <summary>
    /// The standard dataset (50 reps, 100,000 contacts, 2,000,000 touches) anchored at the start of
    /// today (UTC): the data ends where the API's clock is, so "the last 7 days" holds touches.
    /// </summary>
    public static DatasetOptions Standard(TimeProvider clock, int? seed = null)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var options = new DatasetOptions { Anchor = DateTime.SpecifyKind(today, DateTimeKind.Utc) };
        return seed is { } s ? options with { Seed = s } : options;
    }

    public void Validate()
    {
        if (Reps < 1 || Managers < 0 || Managers >= Reps) throw new ArgumentException("Need at least one rep who is not a manager.");
        if (Contacts < 1 || Interactions < 0) throw new ArgumentException("Contacts must be positive and interactions not negative.");
        if (Anchor.Kind != DateTimeKind.Utc) throw new ArgumentException("Anchor must be UTC.");
        if (History <= TimeSpan.FromDays(1)) throw new ArgumentException("History must be longer than a day.");
        if (UnassignedShare is < 0 or > 1) throw new ArgumentException("UnassignedShare is a share between 0 and 1.");
    }

    /// <summary>Names the cached file: every option, the generator version and the schema (migration ids).</summary>
    public string CacheKey(IEnumerable<string> migrationIds)
    {
        var text = string.Join('|',
            GeneratorVersion, Reps, Managers, Contacts, Interactions, Seed,
            Anchor.ToString("O", CultureInfo.InvariantCulture), History.Ticks, UnassignedShare.ToString("R", CultureInfo.InvariantCulture),
            string.Join(',', migrationIds));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return $"leads-c{Contacts}-i{Interactions}-s{Seed}-{Anchor:yyyyMMdd}-{hash}";
    }
}
