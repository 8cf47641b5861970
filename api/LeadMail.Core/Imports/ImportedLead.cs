using System.Globalization;
using System.Net.Mail;
using LeadMail.Core.Contacts;

namespace LeadMail.Core.Imports;

/// <summary>What applies to every row of one file unless the row says otherwise ("Trade fair Essen 2026").</summary>
public sealed record ImportDefaults(string? Source, DateOnly? FirstMetOn);

/// <summary>
/// One row read into a lead's fields and checked the way a contact write is: a usable email, name or company,
/// valid values within the stored lengths. A row that fails names the field and why, and is not imported.
/// </summary>
public sealed class ImportedLead
{
    public int Row { get; private init; }
    public string? Email { get; private set; }

    /// <summary>The address as the file wrote it, also when it is not a valid one.</summary>
    public string? EmailText { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Company { get; private set; }
    public string? Title { get; private set; }
    public string? Phone { get; private set; }
    public string? MobilePhone { get; private set; }
    public string? Street { get; private set; }
    public string? City { get; private set; }
    public string? PostalCode { get; private set; }
    public string? Region { get; private set; }
    public string? Country { get; private set; }
    public string? Background { get; private set; }
    public string? Source { get; private set; }
    public DateOnly? FirstMetOn { get; private set; }
    public string? Interest { get; private set; }
    public bool DoNotCall { get; private set; }
    public bool DoNotEmail { get; private set; }
    public bool Unsubscribed { get; private set; }

    /// <summary>The field at fault, or null for a row that can be imported.</summary>
    public string? ErrorField { get; private set; }
    public string? ErrorMessage { get; private set; }

    public string? NameKey => Contact.NameKeyOf(FirstName, LastName, Company);

    /// <summary>The phone as the database keys it for duplicate checks (<see cref="Contact.PhoneKey"/>).</summary>
    public string? PhoneKey => PhoneKeyOf(Phone);

    /// <summary>A lead with a company and nothing else to tell it apart: matched on the company alone.</summary>
    public string? CompanyOnlyKey => Email is null && NameKey is null ? Company : null;

    public static string? PhoneKeyOf(string? phone)
    {
        if (phone is null) return null;
        var key = new string(phone.Where(c => c is not (' ' or '-' or '(' or ')' or '.' or '/')).ToArray());
        return key.Length == 0 ? null : key;
    }

    public static ImportedLead From(int row, IReadOnlyDictionary<ImportField, string> values, ImportDefaults defaults)
    {
        var lead = new ImportedLead { Row = row };
        string? Get(ImportField field) => values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        lead.FirstName = Get(ImportField.FirstName);
        lead.LastName = Get(ImportField.LastName);
        if (lead.FirstName is null && lead.LastName is null && Get(ImportField.FullName) is { } full) (lead.FirstName, lead.LastName) = Split(full);
        lead.Company = Get(ImportField.Company);
        lead.Title = Get(ImportField.Title);
        lead.Phone = Get(ImportField.Phone);
        lead.MobilePhone = Get(ImportField.MobilePhone);
        lead.Street = Get(ImportField.Street);
        lead.City = Get(ImportField.City);
        lead.PostalCode = Get(ImportField.PostalCode);
        lead.Region = Get(ImportField.Region);
        lead.Background = Get(ImportField.Background);
        lead.Source = Get(ImportField.Source) ?? defaults.Source;
        lead.Interest = Get(ImportField.Interest);
        lead.FirstMetOn = defaults.FirstMetOn;

        if (Get(ImportField.Email) is { } email)
        {
            lead.EmailText = email;
            if (AddressOf(email) is { } address) lead.Email = EmailAddress.Normalize(address);
            else return lead.Fail("email", $"'{email}' is not a valid email address.");
        }
        if (lead.Email is null && lead.FirstName is null && lead.LastName is null && lead.Company is null)
            return lead.Fail("email", "The row has no usable email address, name or company.");

        if (Get(ImportField.Country) is { } country)
        {
            if (Countries.CodeOf(country) is { } code) lead.Country = code;
            else return lead.Fail("country", $"'{country}' is not a country: use a name such as Germany or an ISO code such as DE.");
        }
        if (Get(ImportField.FirstMetOn) is { } met)
        {
            if (DateOf(met) is { } date) lead.FirstMetOn = date;
            else return lead.Fail("firstMetOn", $"'{met}' is not a date: use 2026-03-14 or 14.03.2026.");
        }
        foreach (var (field, set) in new (ImportField, Action<bool>)[]
                 {
                     (ImportField.DoNotCall, v => lead.DoNotCall = v),
                     (ImportField.DoNotEmail, v => lead.DoNotEmail = v),
                     (ImportField.Unsubscribed, v => lead.Unsubscribed = v),
                 })
        {
            if (Get(field) is not { } flag) continue;
            if (FlagOf(flag) is { } on) set(on);
            else return lead.Fail(field.Name(), $"'{flag}' is neither yes nor no.");
        }

        foreach (var (field, value, max) in new (string, string?, int)[]
                 {
                     ("firstName", lead.FirstName, 100), ("lastName", lead.LastName, 100), ("company", lead.Company, 200), ("title", lead.Title, 100),
                     ("phone", lead.Phone, 40), ("mobilePhone", lead.MobilePhone, 40), ("street", lead.Street, 200), ("city", lead.City, 100),
                     ("postalCode", lead.PostalCode, 20), ("region", lead.Region, 100), ("background", lead.Background, 4000),
                     ("source", lead.Source, 100), ("interest", lead.Interest, 100),
                 })
        {
            if (value is not null && value.Length > max) return lead.Fail(field, $"{field} is longer than {max} characters.");
        }
        return lead;
    }

    /// <summary>A new lead with the row's values, for <see cref="LeadIntake"/>.</summary>
    public Contact ToContact() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Company = Company,
        Title = Title,
        Phone = Phone,
        MobilePhone = MobilePhone,
        Street = Street,
        City = City,
        PostalCode = PostalCode,
        Region = Region,
        Country = Country,
        Background = Background,
        Source = Source,
        FirstMetOn = FirstMetOn,
        Interest = Interest,
        DoNotCall = DoNotCall,
        DoNotEmail = DoNotEmail,
        Unsubscribed = Unsubscribed,
        Emails = Email is null ? [] : [new ContactEmail { Address = Email, IsPrimary = true }],
    };

    /// <summary>
    /// Fills the contact's empty fields from the row (every field when <paramref name="overwrite"/>); consent flags are
    /// only ever raised, since a list saying nothing about consent is no consent given. True when anything changed.
    /// </summary>
    public bool FillInto(Contact contact, bool overwrite)
    {
        var changed = false;
        string? Pick(string? current, string? incoming)
        {
            if (incoming is null || current == incoming || !overwrite && !string.IsNullOrWhiteSpace(current)) return current;
            changed = true;
            return incoming;
        }
        contact.FirstName = Pick(contact.FirstName, FirstName);
        contact.LastName = Pick(contact.LastName, LastName);
        contact.Company = Pick(contact.Company, Company);
        contact.Title = Pick(contact.Title, Title);
        contact.Phone = Pick(contact.Phone, Phone);
        contact.MobilePhone = Pick(contact.MobilePhone, MobilePhone);
        contact.Street = Pick(contact.Street, Street);
        contact.City = Pick(contact.City, City);
        contact.PostalCode = Pick(contact.PostalCode, PostalCode);
        contact.Region = Pick(contact.Region, Region);
        contact.Country = Pick(contact.Country, Country);
        contact.Background = Pick(contact.Background, Background);
        contact.Source = Pick(contact.Source, Source);
        contact.Interest = Pick(contact.Interest, Interest);
        if (FirstMetOn is { } met && contact.FirstMetOn != met && (overwrite || contact.FirstMetOn is null))
        {
            contact.FirstMetOn = met;
            changed = true;
        }
        if (DoNotCall && !contact.DoNotCall) (contact.DoNotCall, changed) = (true, true);
        if (DoNotEmail && !contact.DoNotEmail) (contact.DoNotEmail, changed) = (true, true);
        if (Unsubscribed && !contact.Unsubscribed) (contact.Unsubscribed, changed) = (true, true);
        return changed;
    }

    private ImportedLead Fail(string field, string message)
    {
        (ErrorField, ErrorMessage) = (field, message);
        return this;
    }

    /// <summary>"Ada Lovelace" → (Ada, Lovelace); "Lovelace, Ada" → (Ada, Lovelace); one word is a first name.</summary>
    private static (string?, string?) Split(string full)
    {
        var comma = full.IndexOf(',');
        if (comma > 0) return (NullIfBlank(full[(comma + 1)..]), NullIfBlank(full[..comma]));
        var space = full.LastIndexOf(' ');
        return space < 0 ? (full, null) : (NullIfBlank(full[..space]), NullIfBlank(full[(space + 1)..]));

        static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>The address in "ada@example.com" or "Ada Lovelace &lt;ada@example.com&gt;", when it is a valid one.</summary>
    private static string? AddressOf(string text)
    {
        if (EmailAddress.IsValid(text)) return text;
        return MailAddress.TryCreate(text, out var parsed) && EmailAddress.IsValid(parsed.Address) ? parsed.Address : null;
    }

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd", "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "d.M.yy", "M/d/yyyy", "MM/dd/yyyy"];

    private static DateOnly? DateOf(string text) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) && date.Year >= 1900
            ? DateOnly.FromDateTime(date)
            : null;

    private static bool? FlagOf(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" or "x" or "ja" or "j" or "wahr" or "on" or "checked" => true,
        "0" or "false" or "no" or "n" or "nein" or "falsch" or "off" or "-" => false,
        _ => null,
    };
}
