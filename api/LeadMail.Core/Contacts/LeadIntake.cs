using LeadMail.Core.Assignment;
using LeadMail.Core.Persistence;
using LeadMail.Core.Pipeline;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Contacts;

/// <summary>Thrown when an address already belongs to another contact: one person, one lead.</summary>
public sealed class EmailAlreadyKnownException(string address, int contactId)
    : Exception($"The address {address} already belongs to contact {contactId}.")
{
    public string Address { get; } = address;
    public int ContactId { get; } = contactId;
}

/// <summary>
/// How a new lead enters the database, whoever brings it (the API, the add-in, the sync worker):
/// addresses normalised and unique, timestamps set, owner as given or by the routing rules, the
/// first stage and the assignment recorded.
/// </summary>
public sealed class LeadIntake
{
    private readonly LeadMailDb db;
    private readonly TimeProvider clock;
    private readonly LeadScore score;
    private readonly LeadRouting routing;

    /// <summary>With the default scoring thresholds: for code that builds its own context.</summary>
    public LeadIntake(LeadMailDb db, TimeProvider clock) : this(db, clock, Options.Create(new ScoringOptions()))
    {
    }

    public LeadIntake(LeadMailDb db, TimeProvider clock, IOptions<ScoringOptions> scoring)
    {
        this.db = db;
        this.clock = clock;
        score = new LeadScore(scoring);
        routing = new LeadRouting(db, clock);
    }

    /// <param name="contact">
    /// The new contact; its <see cref="Contact.Emails"/> may hold un-normalised addresses. Without an
    /// owner, the routing rules pick one (or leave it in the unassigned queue).
    /// </param>
    public Task<Contact> AddAsync(Contact contact, CancellationToken ct) => AddAsync(contact, addedByRepId: null, fallbackOwnerId: null, ct);

    /// <param name="contact">The new contact; see <see cref="AddAsync(Contact, CancellationToken)"/>.</param>
    /// <param name="addedByRepId">Who brought the lead in, for the stage and assignment audit.</param>
    /// <param name="fallbackOwnerId">The owner when no routing rule matches (a rep's own new lead); null leaves it unassigned.</param>
    public async Task<Contact> AddAsync(Contact contact, int? addedByRepId, int? fallbackOwnerId, CancellationToken ct)
    {
        Prepare(contact);
        var addresses = contact.Emails.Select(e => e.Address).ToList();
        var taken = await db.ContactEmails.AsNoTracking()
            .Where(e => addresses.Contains(e.Address))
            .Select(e => new { e.Address, e.ContactId })
            .FirstOrDefaultAsync(ct);
        if (taken is not null) throw new EmailAlreadyKnownException(taken.Address, taken.ContactId);

        // The routing turn, the contact and its audit rows commit together (or join the caller's transaction).
        var namedOwner = contact.OwnerId;
        try
        {
            await db.InTransactionAsync(async token =>
            {
                var round = await RoutingRound.StartAsync(db, token);
                var (stage, assignment) = await AdmitAsync(contact, namedOwner, round, addedByRepId, fallbackOwnerId, token);
                await round.EndAsync(token);
                db.OwnerAssignments.Add(assignment);
                db.StageChanges.Add(stage);
                db.Contacts.Add(contact);
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have added the same address between our check and our insert.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) entry.State = EntityState.Detached;
            var raced = await db.ContactEmails.AsNoTracking().Where(e => addresses.Contains(e.Address)).FirstOrDefaultAsync(ct);
            if (raced is null) throw;
            throw new EmailAlreadyKnownException(raced.Address, raced.ContactId);
        }
        return contact;
    }

    /// <summary>
    /// New leads added together in the caller's transaction, each exactly as <see cref="AddAsync(Contact, int?, int?, CancellationToken)"/>
    /// adds one: one query for all their addresses, the routing rules read once, every contact with its addresses, creation
    /// stage and assignment audit written together by the provider's store (at once, or by the caller's save). A lead whose
    /// address another lead holds already is left out and returned.
    /// </summary>
    public async Task<IReadOnlyList<Contact>> AddRangeAsync(IReadOnlyList<Contact> contacts, int? addedByRepId, int? fallbackOwnerId, CancellationToken ct)
    {
        foreach (var contact in contacts) Prepare(contact);
        var addresses = contacts.SelectMany(c => c.Emails.Select(e => e.Address)).Distinct().ToList();
        var taken = (await db.ContactEmails.AsNoTracking().Where(e => addresses.Contains(e.Address)).Select(e => e.Address).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var (refused, added, stages, assignments) = (new List<Contact>(), new List<Contact>(contacts.Count), new List<StageChange>(contacts.Count),
            new List<OwnerAssignment>(contacts.Count));
        var round = await RoutingRound.StartAsync(db, ct);
        foreach (var contact in contacts)
        {
            // Two rows of one batch with one address: the first stands, as it would one by one.
            if (contact.Emails.Any(e => !taken.Add(e.Address)))
            {
                refused.Add(contact);
                continue;
            }
            var (stage, assignment) = await AdmitAsync(contact, contact.OwnerId, round, addedByRepId, fallbackOwnerId, ct);
            added.Add(contact);
            stages.Add(stage);
            assignments.Add(assignment);
        }
        await round.EndAsync(ct);
        await db.Stores.Leads.InsertAsync(added, stages, assignments, ct);
        return refused;
    }

    /// <summary>Timestamps, version and priority set, text and addresses normalised: a new lead as every path stores it.</summary>
    private void Prepare(Contact contact)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        contact.CreatedAt = now;
        contact.UpdatedAt = now;
        contact.Version = 1;
        if (!contact.PrioritySetByHand) contact.Priority = score.PriorityFor(contact.Score);
        NormalizeText(contact);
        NormalizeEmails(contact.Emails);
    }

    /// <summary>The owner (as named, by the rules, or the fallback) set, with its audit row and the first stage's record for the caller to write.</summary>
    private async Task<(StageChange Stage, OwnerAssignment Assignment)> AdmitAsync(Contact contact, int? namedOwner, RoutingRound round, int? addedByRepId, int? fallbackOwnerId, CancellationToken ct)
    {
        // A retried attempt starts again from what the caller asked for.
        contact.OwnerId = null;
        OwnerAssignment assignment;
        if (namedOwner is { } given)
        {
            assignment = routing.AssignmentOf(contact, given, AssignmentCause.Creation, ruleId: null, addedByRepId, "owner named at creation");
        }
        else if (await round.DecideAsync(RoutingFacts.Of(contact), takeTurn: true, ct) is { } decision)
        {
            assignment = routing.AssignmentOf(contact, decision.RepId, AssignmentCause.Rule, decision.RuleId, addedByRepId, "routing rule");
        }
        else
        {
            assignment = routing.AssignmentOf(contact, fallbackOwnerId, AssignmentCause.NoRuleMatched, ruleId: null, addedByRepId,
                fallbackOwnerId is null ? "no rule matched: unassigned queue" : "no rule matched: kept by its creator");
        }
        return (new StageChange { Contact = contact, From = null, To = contact.Stage, ByRepId = addedByRepId, At = contact.CreatedAt }, assignment);
    }

    /// <summary>
    /// Trims the contact's text and stores blanks as no value, as the API does with what a form sends:
    /// the sync worker builds names from display names, which can be empty, and "" would show as a blank name.
    /// </summary>
    public static void NormalizeText(Contact contact)
    {
        contact.FirstName = Clean(contact.FirstName);
        contact.LastName = Clean(contact.LastName);
        contact.Company = Clean(contact.Company);
        contact.Title = Clean(contact.Title);
        contact.Phone = Clean(contact.Phone);
        contact.MobilePhone = Clean(contact.MobilePhone);
        contact.Street = Clean(contact.Street);
        contact.City = Clean(contact.City);
        contact.PostalCode = Clean(contact.PostalCode);
        contact.Region = Clean(contact.Region);
        contact.Country = Clean(contact.Country);
        contact.Background = Clean(contact.Background);
        contact.Source = Clean(contact.Source);
        contact.Interest = Clean(contact.Interest);
        contact.NextFollowUpNote = Clean(contact.NextFollowUpNote);

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Trims, lower-cases and de-duplicates addresses; the first becomes primary when none is.</summary>
    public static void NormalizeEmails(List<ContactEmail> emails)
    {
        var seen = new HashSet<string>();
        emails.RemoveAll(e => !seen.Add(e.Address = EmailAddress.Normalize(e.Address)));
        if (emails.Count > 0 && !emails.Any(e => e.IsPrimary)) emails[0].IsPrimary = true;
        var primaryFound = false;
        foreach (var email in emails)
        {
            // Exactly one primary address.
            if (email.IsPrimary && primaryFound) email.IsPrimary = false;
            primaryFound |= email.IsPrimary;
        }
    }
}
