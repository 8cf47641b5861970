using System.Text;

namespace LeadMail.Core.Imports;

/// <summary>Thrown when a mapping the manager sent cannot be applied; names the header or field at fault.</summary>
public sealed class ImportMappingException(string message) : Exception(message);

/// <summary>
/// Which column fills which field: recognised from the header names that Outlook, HubSpot, Salesforce,
/// Pipedrive and spreadsheets people type themselves use (English and German), then the manager's
/// overrides. Each field takes one column: the header matching its earliest-listed alias wins, so
/// Outlook's "Job Title" fills the title rather than its "Title" (the honorific).
/// </summary>
public sealed class ColumnMapping
{
    private static readonly Dictionary<ImportField, string[]> Aliases = new()
    {
        [ImportField.FirstName] = ["First Name", "Firstname", "Given Name", "Vorname", "Person - First name", "Contact First Name"],
        [ImportField.LastName] = ["Last Name", "Lastname", "Surname", "Family Name", "Nachname", "Familienname", "Person - Last name", "Contact Last Name"],
        [ImportField.FullName] = ["Full Name", "Name", "Contact Name", "Display Name", "Person - Name", "Contact", "Kontakt", "Vollständiger Name"],
        [ImportField.Company] = ["Company", "Company Name", "Account Name", "Organization", "Organisation", "Organization - Name", "Person - Organization",
            "Firma", "Unternehmen", "Firmenname", "Organisation - Name"],
        [ImportField.Title] = ["Job Title", "Position", "Title", "Person - Job title", "Berufsbezeichnung", "Funktion", "Titel"],
        [ImportField.Email] = ["E-mail Address", "Email Address", "Email", "E-mail", "Work Email", "Business Email", "Person - Email - Work", "Person - Email",
            "Email - Work", "E-Mail-Adresse", "E-Mail", "E-Mail Adresse", "Mail"],
        [ImportField.Phone] = ["Business Phone", "Phone", "Phone Number", "Work Phone", "Office Phone", "Person - Phone - Work", "Person - Phone",
            "Phone - Work", "Telefon geschäftlich", "Telefon", "Telefonnummer", "Tel"],
        [ImportField.MobilePhone] = ["Mobile Phone", "Mobile", "Mobile Phone Number", "Cell Phone", "Cell", "Person - Phone - Mobile", "Phone - Mobile",
            "Mobiltelefon", "Handy", "Mobil", "Mobilnummer"],
        [ImportField.Street] = ["Business Street", "Street", "Street Address", "Address", "Mailing Street", "Address Line 1",
            "Straße geschäftlich", "Straße", "Strasse", "Adresse", "Anschrift"],
        [ImportField.City] = ["Business City", "City", "Town", "Mailing City", "Ort geschäftlich", "Ort", "Stadt"],
        [ImportField.PostalCode] = ["Business Postal Code", "Postal Code", "Zip", "Zip Code", "Zip/Postal Code", "Postcode", "Mailing Zip/Postal Code",
            "Postleitzahl geschäftlich", "Postleitzahl", "PLZ"],
        [ImportField.Region] = ["Business State", "State", "State/Region", "State/Province", "Region", "Province", "County", "Mailing State/Province",
            "Bundesland/Kanton geschäftlich", "Bundesland", "Kanton"],
        [ImportField.Country] = ["Business Country/Region", "Country", "Country/Region", "Country Code", "Mailing Country",
            "Land/Region geschäftlich", "Land", "Staat"],
        [ImportField.Background] = ["Notes", "Note", "Description", "Comments", "Comment", "Background", "Notizen", "Notiz", "Bemerkung", "Bemerkungen",
            "Beschreibung", "Hintergrund"],
        [ImportField.Source] = ["Source", "Lead Source", "Original Source", "Quelle", "Lead-Quelle", "Herkunft"],
        [ImportField.FirstMetOn] = ["First Met On", "First Met", "Met On", "Date Met", "Kennengelernt am", "Erstkontakt"],
        [ImportField.Interest] = ["Interest", "Interested In", "Product Interest", "Interesse", "Interessiert an"],
        [ImportField.DoNotCall] = ["Do Not Call", "DoNotCall", "No Calls", "Nicht anrufen", "Keine Anrufe"],
        [ImportField.DoNotEmail] = ["Do Not Email", "DoNotEmail", "Email Opt Out", "HasOptedOutOfEmail", "Opted Out of Email", "No Email",
            "Keine E-Mails", "Keine E-Mail", "Nicht mailen"],
        [ImportField.Unsubscribed] = ["Unsubscribed", "Unsubscribed from all email", "Opted Out", "Opt Out", "Abgemeldet", "Abmeldung"],
    };

    private static readonly Dictionary<string, (ImportField Field, int Rank)> ByAlias = BuildAliasIndex();

    /// <summary>Column index per field.</summary>
    public IReadOnlyDictionary<ImportField, int> Columns { get; }

    private ColumnMapping(Dictionary<ImportField, int> columns) => Columns = columns;

    /// <summary>
    /// Maps <paramref name="headers"/> automatically, then applies <paramref name="overrides"/> (header → field name,
    /// or "" / null to leave the column out). Throws <see cref="ImportMappingException"/> for a header the file does
    /// not have, a field that does not exist, or two columns sent to one field.
    /// </summary>
    public static ColumnMapping For(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?>? overrides)
    {
        var best = new Dictionary<ImportField, (int Column, int Rank)>();
        for (var column = 0; column < headers.Count; column++)
        {
            if (!ByAlias.TryGetValue(Normalize(headers[column]), out var match)) continue;
            if (!best.TryGetValue(match.Field, out var current) || match.Rank < current.Rank) best[match.Field] = (column, match.Rank);
        }
        var columns = best.ToDictionary(b => b.Key, b => b.Value.Column);
        if (overrides is null || overrides.Count == 0) return new ColumnMapping(columns);

        var chosen = new Dictionary<ImportField, string>();
        foreach (var (header, target) in overrides)
        {
            var column = IndexOf(headers, header);
            if (column < 0) throw new ImportMappingException($"The file has no column '{header}'. Its columns are: {string.Join(", ", headers)}.");
            foreach (var field in columns.Where(c => c.Value == column).Select(c => c.Key).ToList()) columns.Remove(field);
            if (string.IsNullOrWhiteSpace(target)) continue;
            if (!ImportFields.TryParse(target, out var parsed))
                throw new ImportMappingException($"'{target}' (for column '{header}') is not a field. Use one of: {ImportFields.AllNames}, or \"\" to leave the column out.");
            if (chosen.TryGetValue(parsed, out var other))
                throw new ImportMappingException($"Columns '{other}' and '{header}' are both mapped to {parsed.Name()}; a field takes one column.");
            chosen[parsed] = header;
            columns[parsed] = column;
        }
        return new ColumnMapping(columns);
    }

    /// <summary>The file's header for each mapped field, for the answer and the documentation of what was read.</summary>
    public IReadOnlyDictionary<string, string> Describe(IReadOnlyList<string> headers) =>
        Columns.OrderBy(c => c.Value).ToDictionary(c => headers[c.Value], c => c.Key.Name());

    /// <summary>The mapped fields of one row, blank cells left out.</summary>
    public Dictionary<ImportField, string> Read(IReadOnlyList<string?> cells)
    {
        var values = new Dictionary<ImportField, string>();
        foreach (var (field, column) in Columns)
        {
            if (column < cells.Count && cells[column] is { } cell && !string.IsNullOrWhiteSpace(cell)) values[field] = cell.Trim();
        }
        return values;
    }

    private static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++) if (string.Equals(headers[i].Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Letters and digits only, lower-cased: "E-mail Address", "Email address" and "EMAIL_ADDRESS" meet.</summary>
    private static string Normalize(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header) if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
        return text.ToString();
    }

    private static Dictionary<string, (ImportField, int)> BuildAliasIndex()
    {
        var index = new Dictionary<string, (ImportField, int)>();
        foreach (var (field, aliases) in Aliases)
        {
            // A field's own API name ("mobilePhone") is understood too (what the vCard reader writes), after the aliases:
            // "title" is also Outlook's honorific column, which must lose to its "Job Title".
            foreach (var (alias, rank) in aliases.Select((a, i) => (a, i)).Append((field.Name(), aliases.Length)))
                index.TryAdd(Normalize(alias), (field, rank));
        }
        return index;
    }
}
