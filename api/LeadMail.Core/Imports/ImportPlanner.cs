using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Imports;

/// <summary>What one row will do, and why when it does nothing.</summary>
public sealed record RowPlan(ImportedLead Lead, ImportAction Action, int? ContactId, string? Field, string? Message)
{
    public int Row => Lead.Row;
}

/// <summary>
/// Decides each row's fate in file order, the same way for the dry run and the commit: an error when the row
/// cannot be a lead; a duplicate when its address came earlier in the file; an update when its address already
/// belongs to a lead (in any case: addresses are stored lower-cased); a duplicate when its name and company, its
/// phone, or (for a row with only a company) its company match a lead already known or one earlier in the file;
/// otherwise a new lead. What earlier rows add or fill counts as known for later rows, so planning the whole file
/// against the database before the commit gives the commit's own counts.
/// </summary>
public sealed class ImportPlanner(bool byManager, int byRepId)
{
    private readonly Dictionary<string, int> emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> companies = new(StringComparer.Ordinal);
    private readonly List<(HashSet<string>? Set, string Key)> sinceCheckpoint = [];

    /// <summary>Keeps what the rows planned so far remembered: their batch committed.</summary>
    public void Checkpoint() => sinceCheckpoint.Clear();

    /// <summary>Forgets what was remembered since the last checkpoint: the batch is planned again after a retry.</summary>
    public void Rollback()
    {
        foreach (var (set, key) in sinceCheckpoint)
        {
            if (set is null) emails.Remove(key);
            else set.Remove(key);
        }
        sinceCheckpoint.Clear();
    }

    /// <summary>Remembers a row committed by an earlier run of the same import, as its plan then did.</summary>
    public void Replay(ImportedLead lead, ImportAction action)
    {
        if (action == ImportAction.Error) return;
        RememberEmail(lead);
        if (action is ImportAction.Create or ImportAction.Update) RememberKeys(lead.NameKey, lead.PhoneKey, action == ImportAction.Create ? lead.CompanyOnlyKey : null);
        Checkpoint();
    }

    public async Task<List<RowPlan>> PlanAsync(LeadMailDb db, IReadOnlyList<ImportedLead> leads, CancellationToken ct)
    {
        var usable = leads.Where(l => l.ErrorField is null).ToList();
        var addresses = usable.Where(l => l.Email is not null).Select(l => l.Email!).Distinct().ToList();
        var owners = await db.ContactEmails.AsNoTracking().Where(e => addresses.Contains(e.Address))
            .Select(e => new { e.Address, e.ContactId }).ToDictionaryAsync(e => e.Address, e => e.ContactId, ct);
        var ids = owners.Values.Distinct().ToList();
        var known = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var nameKeys = usable.Select(l => l.NameKey).OfType<string>().Distinct().ToList();
        var knownNames = (await db.Contacts.AsNoTracking().Where(c => c.NameKey != null && nameKeys.Contains(c.NameKey))
            .Select(c => c.NameKey!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var phoneKeys = usable.Select(l => l.PhoneKey).OfType<string>().Distinct().ToList();
        var knownPhones = (await db.Contacts.AsNoTracking().Where(c => c.PhoneKey != null && phoneKeys.Contains(c.PhoneKey))
            .Select(c => c.PhoneKey!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var companyKeys = usable.Select(l => l.CompanyOnlyKey).OfType<string>().Distinct().ToList();
        var knownCompanies = (await db.Contacts.AsNoTracking().Where(c => c.NameKey == null && c.Company != null && companyKeys.Contains(c.Company))
            .Select(c => c.Company!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var plans = new List<RowPlan>(leads.Count);
        foreach (var lead in leads)
        {
            plans.Add(Plan(lead));
        }
        return plans;

        RowPlan Plan(ImportedLead lead)
        {
            if (lead.ErrorField is { } field) return new RowPlan(lead, ImportAction.Error, null, field, lead.ErrorMessage);
            if (lead.Email is { } email)
            {
                if (emails.TryGetValue(email, out var earlier))
                    return new RowPlan(lead, ImportAction.Duplicate, null, "email", $"The address {email} is in the file already, in row {earlier}.");
                RememberEmail(lead);
                if (owners.TryGetValue(email, out var contactId) && known.TryGetValue(contactId, out var contact))
                {
                    if (!MayFill(contact))
                        return new RowPlan(lead, ImportAction.Duplicate, contactId, "email", $"The address {email} belongs to another rep's lead.");
                    // The planning copy takes the row's values, so later rows meet the lead as the commit will have left it.
                    lead.FillInto(contact, overwrite: false);
                    RememberKeys(contact.NameKey, ImportedLead.PhoneKeyOf(contact.Phone), null);
                    RememberKeys(lead.NameKey, lead.PhoneKey, null);
                    return new RowPlan(lead, ImportAction.Update, contactId, null, null);
                }
            }
            if (lead.NameKey is { } name && (knownNames.Contains(name) || names.Contains(name)))
                return new RowPlan(lead, ImportAction.Duplicate, null, "lastName", "A lead with the same name and company is known already.");
            if (lead.PhoneKey is { } phone && (knownPhones.Contains(phone) || phones.Contains(phone)))
                return new RowPlan(lead, ImportAction.Duplicate, null, "phone", $"A lead with the phone {lead.Phone} is known already.");
            if (lead.CompanyOnlyKey is { } company && (knownCompanies.Contains(company) || companies.Contains(company)))
                return new RowPlan(lead, ImportAction.Duplicate, null, "company", $"A lead for {company} without a name or address is known already.");
            RememberKeys(lead.NameKey, lead.PhoneKey, lead.CompanyOnlyKey);
            return new RowPlan(lead, ImportAction.Create, null, null, null);
        }
    }

    /// <summary>Managers fill any lead; a rep fills the leads they may edit: their own and the unassigned ones.</summary>
    private bool MayFill(Contact contact) => LeadAccess.MayOpen(contact.OwnerId, byRepId, byManager);

    private void RememberEmail(ImportedLead lead)
    {
        if (lead.Email is not { } email || !emails.TryAdd(email, lead.Row)) return;
        sinceCheckpoint.Add((null, email));
    }

    private void RememberKeys(string? name, string? phone, string? company)
    {
        foreach (var (set, key) in new[] { (names, name), (phones, phone), (companies, company) })
        {
            if (key is not null && set.Add(key)) sinceCheckpoint.Add((set, key));
        }
    }
}
