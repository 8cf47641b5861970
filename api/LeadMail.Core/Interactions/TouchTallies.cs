using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LeadMail.Core.Interactions;

/// <summary>
/// Keeps <see cref="TouchTally"/> equal to the touches themselves: every write that adds, re-dates or
/// removes touches passes its changes here in the same transaction (the ingest path for new and
/// updated touches, the right to be forgotten for deleted ones). Changes are summed per tally in
/// memory first, so a page of 1,000 touches costs one upsert per hour, day, week and month it touched.
/// </summary>
public sealed class TouchTallies(LeadMailDb db)
{
    public static DateTime DayOf(DateTime instant) => DateTime.SpecifyKind(instant.Date, DateTimeKind.Utc);

    /// <summary>The Monday the instant's ISO week starts on, UTC.</summary>
    public static DateTime WeekOf(DateTime instant) => DayOf(instant).AddDays(-(((int)instant.DayOfWeek + 6) % 7));

    public static DateTime MonthOf(DateTime instant) => new(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime HourOf(DateTime instant) =>
        DateTime.SpecifyKind(new DateTime(instant.Ticks - instant.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    /// <summary>
    /// Counts the new <paramref name="added"/> touches, and moves the tracked touches whose time or kind
    /// changed (a rescheduled meeting) from their stored hour and day to their new ones. Call before the
    /// changes are saved: the stored values are read from the change tracker.
    /// </summary>
    public Task CountAsync(IEnumerable<Interaction> added, CancellationToken ct)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var touch in added) Add(deltas, touch.OccurredAt, touch.RepId, touch.Channel, touch.Direction, touch.Origin, +1);
        foreach (var entry in db.ChangeTracker.Entries<Interaction>().Where(e => e.State == EntityState.Modified))
        {
            if (!Moved(entry)) continue;
            Add(deltas, Original<DateTime>(entry, nameof(Interaction.OccurredAt)), Original<int?>(entry, nameof(Interaction.RepId)),
                Original<Channel>(entry, nameof(Interaction.Channel)), Original<Direction>(entry, nameof(Interaction.Direction)),
                Original<Origin>(entry, nameof(Interaction.Origin)), -1);
            var touch = entry.Entity;
            Add(deltas, touch.OccurredAt, touch.RepId, touch.Channel, touch.Direction, touch.Origin, +1);
        }
        return ApplyAsync(deltas, ct);
    }

    /// <summary>Takes a contact's touches out of the tallies; call in the transaction that deletes them, before it does.</summary>
    public async Task ForgetContactAsync(int contactId, CancellationToken ct) =>
        await ForgetAsync(await db.Interactions.AsNoTracking().Where(i => i.ContactId == contactId)
            .Select(i => new Interaction { NaturalKey = "", OccurredAt = i.OccurredAt, RepId = i.RepId, Channel = i.Channel, Direction = i.Direction, Origin = i.Origin })
            .ToListAsync(ct), ct);

    /// <summary>Takes the given touches out of the tallies; call in the transaction that deletes them, before it does.</summary>
    public async Task ForgetAsync(IEnumerable<Interaction> removed, CancellationToken ct)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var t in removed) Add(deltas, t.OccurredAt, t.RepId, t.Channel, t.Direction, t.Origin, -1);
        await ApplyAsync(deltas, ct);
        await db.Stores.Tallies.FlushAsync(ct);
    }

    /// <summary>Recounts every tally from the touches, set-based: for a database filled without the ingest path (the benchmark dataset).</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await db.TouchTallies.ExecuteDeleteAsync(ct);
        await db.Stores.Tallies.RebuildAsync(ct);
    }

    private static bool Moved(EntityEntry<Interaction> entry) =>
        entry.Property(i => i.OccurredAt).IsModified || entry.Property(i => i.RepId).IsModified || entry.Property(i => i.Channel).IsModified
        || entry.Property(i => i.Direction).IsModified || entry.Property(i => i.Origin).IsModified;

    private static T Original<T>(EntityEntry<Interaction> entry, string property) => (T)entry.Property(property).OriginalValue!;

    private static void Add(Dictionary<TallyKey, int> deltas, DateTime at, int? repId, Channel channel, Direction direction, Origin origin, int delta)
    {
        var (rep, auto) = (repId ?? 0, origin == Origin.Sync);
        foreach (var (span, start) in new[] { (TallySpan.Hour, HourOf(at)), (TallySpan.Day, DayOf(at)), (TallySpan.Week, WeekOf(at)), (TallySpan.Month, MonthOf(at)) })
        {
            var key = new TallyKey(span, start, rep, channel, direction, auto);
            deltas[key] = deltas.GetValueOrDefault(key) + delta;
        }
    }

    private async Task ApplyAsync(Dictionary<TallyKey, int> deltas, CancellationToken ct)
    {
        var changes = deltas.Where(d => d.Value != 0).ToList();
        if (changes.Count == 0) return;
        await db.Stores.Tallies.AddAsync(changes, ct);
    }
}

/// <summary>One tally: the span and its start, the rep (0 for none), the kind of touch, and whether it was synced.</summary>
internal readonly record struct TallyKey(TallySpan Span, DateTime Start, int RepKey, Channel Channel, Direction Direction, bool AutoLogged);
