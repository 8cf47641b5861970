using System.Text;

namespace LeadMail.Core.Imports;

/// <summary>
/// vCard 2.1, 3.0 and 4.0 files as Outlook and phones export contacts, any number of cards, into the columns
/// the column mapping knows by their field names. Folded lines are unfolded, quoted-printable values (2.1) decoded
/// in their charset, escapes undone. A card's row number is the line its BEGIN:VCARD stands on.
/// N, FN, ORG, TITLE, EMAIL (the preferred one), TEL (cell as mobile, the preferred other as phone), ADR and NOTE are read.
/// </summary>
public static class VCardImportReader
{
    private static readonly ImportField[] Columns =
    [
        ImportField.FirstName, ImportField.LastName, ImportField.FullName, ImportField.Company, ImportField.Title, ImportField.Email,
        ImportField.Phone, ImportField.MobilePhone, ImportField.Street, ImportField.City, ImportField.Region, ImportField.PostalCode,
        ImportField.Country, ImportField.Background,
    ];

    public static ImportTable Read(Func<Stream> open) => ImportTable.Of(ImportFormat.VCard, headers => Rows(open, headers));

    private static IEnumerable<ImportFileRow> Rows(Func<Stream> open, Action<IReadOnlyList<string>>? tellHeaders)
    {
        tellHeaders?.Invoke(Columns.Select(c => c.Name()).ToList());
        using var text = ImportText.Open(open);
        Card? card = null;
        foreach (var (line, number) in Unfold(text))
        {
            if (!TryParse(line, out var name, out var parameters, out var value)) continue;
            if (name == "BEGIN" && value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase))
            {
                card = new Card(number);
                continue;
            }
            if (card is null) continue;
            if (name == "END")
            {
                if (card.Cells() is var cells && cells.Any(c => c is not null)) yield return new ImportFileRow(card.Row, cells);
                card = null;
                continue;
            }
            card.Add(name, parameters, Decode(value, parameters));
        }
    }

    /// <summary>Logical lines with the number of the physical line each starts on, read a line at a time.</summary>
    private static IEnumerable<(string Line, int Number)> Unfold(TextReader text)
    {
        var current = new StringBuilder();
        var start = 0;
        var number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (current.Length > 0 && line.Length > 0 && line[0] is ' ' or '\t')
            {
                current.Append(line, 1, line.Length - 1);
                continue;
            }
            if (current.Length > 0 && current[^1] == '=' && IsQuotedPrintable(current))
            {
                // A quoted-printable soft line break: the value goes on in the next line.
                current.Length--;
                current.Append(line);
                continue;
            }
            if (current.Length > 0) yield return (current.ToString(), start);
            current.Clear().Append(line);
            start = number;
        }
        if (current.Length > 0) yield return (current.ToString(), start);
    }

    private static bool IsQuotedPrintable(StringBuilder line)
    {
        var text = line.ToString();
        var colon = text.IndexOf(':');
        return colon > 0 && text[..colon].Contains("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"item1.TEL;TYPE=work,voice:+49 …" into TEL, its parameters (upper-cased names, values and bare types) and the value.</summary>
    private static bool TryParse(string line, out string name, out List<(string Name, string Value)> parameters, out string value)
    {
        parameters = [];
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ':' && !quoted)
            {
                colon = i;
                break;
            }
        }
        if (colon <= 0)
        {
            (name, value) = ("", "");
            return false;
        }
        value = line[(colon + 1)..];
        var parts = line[..colon].Split(';');
        name = parts[0].Trim().ToUpperInvariant();
        if (name.LastIndexOf('.') is var dot and >= 0) name = name[(dot + 1)..];
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            if (equals < 0) parameters.Add(("TYPE", part.Trim().ToUpperInvariant()));
            else
            {
                var parameter = part[..equals].Trim().ToUpperInvariant();
                foreach (var v in part[(equals + 1)..].Trim('"').Split(',')) parameters.Add((parameter, v.Trim().ToUpperInvariant()));
            }
        }
        return true;
    }

    private static string Decode(string value, List<(string Name, string Value)> parameters)
    {
        if (!parameters.Any(p => p is ("ENCODING", "QUOTED-PRINTABLE") or ("TYPE", "QUOTED-PRINTABLE"))) return value;
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '=' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
        }
        var charset = parameters.FirstOrDefault(p => p.Name == "CHARSET").Value;
        if (charset is not null)
        {
            try
            {
                return Encoding.GetEncoding(charset).GetString(bytes.ToArray());
            }
            catch (ArgumentException)
            {
                // An unknown charset name: decide as for any file.
            }
        }
        return ImportText.Decode(bytes.ToArray());
    }

    /// <summary>Splits a structured value on unescaped ';' and undoes the text escapes in each part.</summary>
    private static List<string> Components(string value)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                current.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else if (c == ';')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        parts.Add(current.ToString());
        return parts;
    }

    private static string Text(string value) => string.Join(";", Components(value));

    private sealed class Card(int row)
    {
        private readonly Dictionary<ImportField, string> values = [];
        private bool emailPreferred, phonePreferred;

        public int Row => row;

        public void Add(string name, List<(string Name, string Value)> parameters, string value)
        {
            var types = parameters.Where(p => p.Name == "TYPE").Select(p => p.Value).ToHashSet();
            var preferred = types.Contains("PREF") || parameters.Any(p => p.Name == "PREF");
            switch (name)
            {
                case "N":
                    var n = Components(value);
                    Set(ImportField.LastName, n.ElementAtOrDefault(0));
                    Set(ImportField.FirstName, n.ElementAtOrDefault(1));
                    break;
                case "FN":
                    Set(ImportField.FullName, Text(value));
                    break;
                case "ORG":
                    Set(ImportField.Company, Components(value).FirstOrDefault());
                    break;
                case "TITLE":
                    Set(ImportField.Title, Text(value));
                    break;
                case "NOTE":
                    Set(ImportField.Background, Text(value));
                    break;
                case "EMAIL":
                    if (!values.ContainsKey(ImportField.Email) || preferred && !emailPreferred)
                    {
                        values[ImportField.Email] = Text(value).Trim();
                        emailPreferred = preferred;
                    }
                    break;
                case "TEL":
                    var number = Text(value).Trim();
                    if (number.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) number = number[4..];
                    if (types.Contains("CELL")) Set(ImportField.MobilePhone, number);
                    else if (!types.Contains("FAX") && (!values.ContainsKey(ImportField.Phone) || preferred && !phonePreferred))
                    {
                        values[ImportField.Phone] = number;
                        phonePreferred = preferred;
                    }
                    break;
                case "ADR":
                    if (values.ContainsKey(ImportField.City) && !types.Contains("WORK")) break;
                    var address = Components(value);
                    values[ImportField.Street] = address.ElementAtOrDefault(2) ?? "";
                    values[ImportField.City] = address.ElementAtOrDefault(3) ?? "";
                    values[ImportField.Region] = address.ElementAtOrDefault(4) ?? "";
                    values[ImportField.PostalCode] = address.ElementAtOrDefault(5) ?? "";
                    values[ImportField.Country] = address.ElementAtOrDefault(6) ?? "";
                    break;
            }
        }

        public string?[] Cells() => Columns.Select(c => values.TryGetValue(c, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null).ToArray();

        private void Set(ImportField field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && !values.ContainsKey(field)) values[field] = value.Trim();
        }
    }
}
