using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>A set of contacts that may be one person: the same normalised name and company, or the same phone.</summary>
public sealed record DuplicateGroup(string Kind, string Match, int Contacts, IReadOnlyList<int> ContactIds);

/// <summary>
/// The state of the data now (not over a period). <see cref="ConsentViolations"/> counts the touches
/// the workflow flagged for reaching a contact on a channel their consent flags block (all time).
/// </summary>
public sealed record DatabaseHealth(
    int Contacts,
    int MissingEmail,
    int MissingPhone,
    int MissingSource,
    int DuplicateNameGroups,
    int DuplicateNameContacts,
    int DuplicatePhoneGroups,
    int DuplicatePhoneContacts,
    int StaleOpenLeads,
    int StaleDays,
    int ConsentViolations,
    IReadOnlyList<DuplicateGroup> Duplicates);

/// <summary>What needs cleaning: contacts missing essentials, possible duplicates, and open leads nobody touches.</summary>
public sealed class DatabaseHealthReport(LeadMailDb db, TimeProvider clock)
{
    public const int DefaultStaleDays = 30;

    /// <summary>The largest duplicate groups listed by id; the counts cover them all.</summary>
    public const int ListedDuplicateGroups = 100;

    public static readonly Stage[] OpenStages = [Stage.New, Stage.MarketingQualified, Stage.SalesQualified, Stage.Proposal, Stage.Agreement];

    public async Task<DatabaseHealth> RunAsync(ReportScope scope, int staleDays, CancellationToken ct)
    {
        var contacts = scope.Apply(db.Contacts.AsNoTracking());
        var emails = db.ContactEmails;
        var staleBefore = clock.GetUtcNow().UtcDateTime.AddDays(-staleDays);
        var closed = Enum.GetValues<Stage>().Except(OpenStages).ToArray();

        // Separate counts rather than one row of conditional aggregates: SQL Server refuses a
        // subquery (the email check) inside an aggregate.
        var total = await contacts.CountAsync(ct);
        var missingEmail = await contacts.CountAsync(c => !emails.Any(e => e.ContactId == c.Id), ct);
        var missingPhone = await contacts.CountAsync(c => (c.Phone == null || c.Phone.Trim() == "") && (c.MobilePhone == null || c.MobilePhone.Trim() == ""), ct);
        var missingSource = await contacts.CountAsync(c => c.Source == null || c.Source.Trim() == "", ct);
        // "Not closed" rather than "open": a NOT IN cannot seek IX_Contacts_Stage_Id (and then read a
        // quarter of the wide contact rows), so SQLite counts from the narrow covering
        // IX_Contacts_Owner_Ripeness instead, in half the CPU.
        var stale = await contacts.CountAsync(c => !EF.Constant(closed).Contains(c.Stage) && (c.LastTouchAt ?? c.CreatedAt) < staleBefore, ct);
        // Flagged touches (the filtered ConsentViolation index); the owner filter is the rep who made the touch, as for every touch figure.
        var consentViolations = await scope.Apply(db.Interactions.AsNoTracking(), db.Contacts).CountAsync(i => i.ConsentViolation != null, ct);

        var byName = await NameMatches(contacts)
            .GroupBy(c => c.Match)
            .Where(g => g.Count() > 1)
            .Select(g => new { Match = g.Key, Contacts = g.Count() })
            .ToListAsync(ct);
        var byPhone = await PhoneMatches(contacts)
            .GroupBy(c => c.Match)
            .Where(g => g.Count() > 1)
            .Select(g => new { Match = g.Key, Contacts = g.Count() })
            .ToListAsync(ct);

        var listed = byName.Select(g => (Kind: "name", g.Match, g.Contacts)).Concat(byPhone.Select(g => (Kind: "phone", g.Match, g.Contacts)))
            .OrderByDescending(g => g.Contacts).ThenBy(g => g.Kind).ThenBy(g => g.Match, StringComparer.Ordinal)
            .Take(ListedDuplicateGroups).ToList();
        var idsByMatch = await ContactIdsAsync(contacts, listed, ct);
        var duplicates = listed.Select(g => new DuplicateGroup(g.Kind, g.Match, g.Contacts, idsByMatch.GetValueOrDefault((g.Kind, g.Match)) ?? [])).ToList();

        return new DatabaseHealth(total, missingEmail, missingPhone, missingSource,
            byName.Count, byName.Sum(g => g.Contacts), byPhone.Count, byPhone.Sum(g => g.Contacts),
            stale, staleDays, consentViolations, duplicates);
    }

    private static async Task<Dictionary<(string Kind, string Match), List<int>>> ContactIdsAsync(
        IQueryable<Contact> contacts, IReadOnlyList<(string Kind, string Match, int Contacts)> groups, CancellationToken ct)
    {
        var names = groups.Where(g => g.Kind == "name").Select(g => g.Match).ToList();
        var phones = groups.Where(g => g.Kind == "phone").Select(g => g.Match).ToList();
        var result = new Dictionary<(string, string), List<int>>();
        if (names.Count > 0)
        {
            var rows = await NameMatches(contacts).Where(c => names.Contains(c.Match)).ToListAsync(ct);
            foreach (var g in rows.GroupBy(r => r.Match)) result[("name", g.Key)] = g.Select(r => r.Id).Order().ToList();
        }
        if (phones.Count > 0)
        {
            var rows = await PhoneMatches(contacts).Where(c => phones.Contains(c.Match)).ToListAsync(ct);
            foreach (var g in rows.GroupBy(r => r.Match)) result[("phone", g.Key)] = g.Select(r => r.Id).Order().ToList();
        }
        return result;
    }

    /// <summary>Named contacts keyed by "first last | company", trimmed and lower-cased: the indexed <see cref="Contact.NameKey"/>.</summary>
    private static IQueryable<MatchRow> NameMatches(IQueryable<Contact> contacts) => contacts
        .Where(c => c.NameKey != null)
        .Select(c => new MatchRow { Id = c.Id, Match = c.NameKey! });

    /// <summary>Contacts with a phone, keyed by the number without the punctuation people type in different ways: the indexed <see cref="Contact.PhoneKey"/>.</summary>
    private static IQueryable<MatchRow> PhoneMatches(IQueryable<Contact> contacts) => contacts
        .Where(c => c.PhoneKey != null)
        .Select(c => new MatchRow { Id = c.Id, Match = c.PhoneKey! });

    private sealed class MatchRow
    {
        public int Id { get; init; }
        public required string Match { get; init; }
    }
}
