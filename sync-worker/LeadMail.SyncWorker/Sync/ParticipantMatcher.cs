using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>An external correspondent seen on a page, and which way the mail went.</summary>
public sealed record Correspondent(Participant Participant, Direction Direction);

/// <summary>
/// Participant matching: turns the addresses on a page into contacts. Colleagues (company domains, any rep's
/// address) and excluded addresses never become touches or contacts; unknown external people become
/// contacts only as <c>Sync:AutoCreateContacts</c> allows, through <see cref="LeadIntake"/> like every new lead.
/// </summary>
public sealed class ParticipantMatcher(LeadMailDb db, LeadIntake intake, IOptions<SyncOptions> options, ILogger<ParticipantMatcher> log)
{
    private readonly HashSet<string> companyDomains = options.Value.NormalizedCompanyDomains();
    private readonly Exclusions exclusions = new(options.Value.ExcludedAddresses);

    /// <summary>Whether an address can ever be a lead: external, valid, not excluded.</summary>
    public bool IsExternal(string normalizedAddress) =>
        EmailAddress.IsValid(normalizedAddress)
        && !companyDomains.Contains(EmailAddress.Domain(normalizedAddress))
        && !exclusions.Matches(normalizedAddress);

    /// <summary>Maps each usable address on the page to its contact id, creating contacts as the policy says.</summary>
    public async Task<IReadOnlyDictionary<string, int>> MatchAsync(IReadOnlyCollection<Correspondent> correspondents, CancellationToken ct)
    {
        var external = correspondents
            .Select(c => c with { Participant = c.Participant with { Address = EmailAddress.Normalize(c.Participant.Address) } })
            .Where(c => IsExternal(c.Participant.Address))
            .ToList();
        var addresses = external.Select(c => c.Participant.Address).Distinct().ToList();
        if (addresses.Count == 0) return new Dictionary<string, int>();

        // A rep's private address on a non-company domain is still a colleague.
        // The addresses as one JSON parameter, not one parameter each: a sync page names hundreds.
        var repAddresses = await db.Reps.AsNoTracking().Where(r => EF.Parameter(addresses).Contains(r.Email)).Select(r => r.Email).ToListAsync(ct);
        var known = await db.ContactEmails.AsNoTracking()
            .Where(e => EF.Parameter(addresses).Contains(e.Address))
            .ToDictionaryAsync(e => e.Address, e => e.ContactId, ct);
        foreach (var rep in repAddresses) known.Remove(rep);

        var policy = options.Value.AutoCreateContacts;
        if (policy == AutoCreatePolicy.Ignore) return known;

        var toCreate = external
            .Where(c => !known.ContainsKey(c.Participant.Address) && !repAddresses.Contains(c.Participant.Address) && Allows(policy, c.Direction))
            .DistinctBy(c => c.Participant.Address);
        foreach (var correspondent in toCreate)
            known[correspondent.Participant.Address] = await CreateAsync(correspondent, ct);
        return known;
    }

    /// <summary>The contacts among <paramref name="people"/>, each once, as <see cref="MatchAsync"/> matched them.</summary>
    public static IEnumerable<int> ContactsOf(IEnumerable<Participant> people, IReadOnlyDictionary<string, int> contacts) =>
        people.Select(p => contacts.TryGetValue(EmailAddress.Normalize(p.Address), out var id) ? id : 0)
            .Where(id => id != 0)
            .Distinct();

    private static bool Allows(AutoCreatePolicy policy, Direction direction) => policy switch
    {
        AutoCreatePolicy.Both => direction != Direction.None,
        AutoCreatePolicy.Inbound => direction == Direction.Inbound,
        AutoCreatePolicy.Outbound => direction == Direction.Outbound,
        _ => false,
    };

    private async Task<int> CreateAsync(Correspondent correspondent, CancellationToken ct)
    {
        var (first, last) = SplitName(correspondent.Participant.Name, correspondent.Participant.Address);
        var contact = new Contact
        {
            FirstName = first,
            LastName = last,
            Source = correspondent.Direction == Direction.Inbound ? "Mailbox sync: wrote to a rep" : "Mailbox sync: a rep wrote to them",
            Emails = [new ContactEmail { Address = correspondent.Participant.Address, IsPrimary = true }],
        };
        try
        {
            var added = await intake.AddAsync(contact, ct);
            log.LogInformation("Created contact {ContactId} for {Address} ({Direction})", added.Id, correspondent.Participant.Address, correspondent.Direction);
            return added.Id;
        }
        catch (EmailAlreadyKnownException known)
        {
            // Another worker created the same person a moment ago.
            return known.ContactId;
        }
    }

    private static (string? First, string? Last) SplitName(string? name, string address)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Equals(address, StringComparison.OrdinalIgnoreCase)) return (null, null);
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (Fit(parts[0]), parts.Length > 1 ? Fit(parts[1]) : null);
    }

    private static string Fit(string value) => value.Length <= 100 ? value : value[..100];

    /// <summary><c>Sync:ExcludedAddresses</c> parsed once: whole addresses, whole domains, local parts on any domain.</summary>
    private sealed class Exclusions
    {
        private readonly HashSet<string> addresses = [];
        private readonly HashSet<string> domains = [];
        private readonly HashSet<string> localParts = [];

        public Exclusions(IEnumerable<string> entries)
        {
            foreach (var raw in entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(EmailAddress.Normalize))
            {
                var at = raw.IndexOf('@');
                if (at < 0) domains.Add(raw);
                else if (at == 0) domains.Add(raw[1..]);
                else if (at == raw.Length - 1) localParts.Add(raw[..at]);
                else addresses.Add(raw);
            }
        }

        public bool Matches(string address)
        {
            if (addresses.Contains(address)) return true;
            var at = address.LastIndexOf('@');
            if (localParts.Contains(address[..at])) return true;
            // A domain entry covers its subdomains too (news.vendor.com under vendor.com).
            for (var domain = address[(at + 1)..]; domain.Length > 0; domain = domain.IndexOf('.') is var dot and >= 0 ? domain[(dot + 1)..] : "")
                if (domains.Contains(domain)) return true;
            return false;
        }
    }
}
