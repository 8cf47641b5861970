using System.Text;

namespace LeadMail.Api.Contacts;

/// <summary>
/// The list's free-text search over names and companies: a substring, ignoring case in every script.
/// SQL Server's usual collations ignore case; SQLite's LIKE ignores it for ASCII letters only, so
/// "MÜLLER" missed "Müller" and "élodie" missed "Élodie". On SQLite a term with such a letter becomes a
/// GLOB pattern in which each cased letter is a class of its forms (<c>*[mM][üÜ][lL][lL][eE][rR]*</c>).
/// GLOB with classes took 2.2x LIKE's time over the benchmark's 100,000 contacts (65 against 29 ms), so a
/// term of ASCII letters keeps LIKE, which already ignores their case.
/// </summary>
public static class NameSearch
{
    /// <summary>Whether the term has a letter outside ASCII that has case, which SQLite's LIKE would compare exactly.</summary>
    public static bool NeedsGlob(string term) =>
        term.EnumerateRunes().Any(r => !r.IsAscii && (Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r));

    /// <summary>For LIKE with <c>\</c> as the escape character: the term anywhere, its % and _ literal.</summary>
    public static string LikeContaining(string term) =>
        "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>For SQLite's GLOB: the term anywhere, each letter in any case, its *, ? and [ literal.</summary>
    public static string GlobContaining(string term)
    {
        var glob = new StringBuilder("*", term.Length * 4 + 2);
        foreach (var rune in term.EnumerateRunes())
        {
            var forms = new[] { rune, Rune.ToLowerInvariant(rune), Rune.ToUpperInvariant(rune) }.Distinct().ToList();
            if (forms.Count > 1)
            {
                glob.Append('[');
                foreach (var form in forms) glob.Append(form.ToString());
                glob.Append(']');
            }
            else if (rune.Value is '*' or '?' or '[') glob.Append('[').Append((char)rune.Value).Append(']');
            else glob.Append(rune.ToString());
        }
        return glob.Append('*').ToString();
    }
}
