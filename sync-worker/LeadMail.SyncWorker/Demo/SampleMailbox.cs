using System.Text.Json;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Demo;

/// <summary>A lead the sample mailbox corresponds with.</summary>
public sealed record SampleLead(string FirstName, string LastName, string Company, string Email);

/// <summary>
/// A generated, deterministic set of mailboxes: each item is computed from (mailbox, stream, index),
/// so a mailbox of any size is served without holding it in memory, and the same request always
/// gets the same answer. Inbox mail comes from leads, colleagues, a newsletter and strangers; sent
/// mail goes to leads (some copied to a colleague); meetings with leads, past and future, some cancelled.
/// </summary>
public sealed class SampleMailbox
{
    public const string CompanyDomain = "contoso.com";
    public const string Newsletter = "news@mailer.example.com";
    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jon", "Kira", "Luis", "Mia", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tomás"];
    private static readonly string[] LastNames = ["Ahmed", "Berg", "Costa", "Diaz", "Evans", "Fischer", "García", "Huang", "Ivanova", "Jones", "Kim", "López", "Müller", "Nair", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Walsh"];
    private static readonly string[] Companies = ["fabrikam.com", "northwind.example", "adventure-works.example", "tailspin.example", "wingtip.example", "litware.example"];
    private static readonly string[] Topics = ["Quote for next quarter", "Follow-up on our call", "Pricing question", "Meeting notes", "Proposal draft", "Contract review", "Trial feedback", "Introduction"];

    private readonly DateTime anchor;

    public SampleMailbox(IReadOnlyList<string> reps, int leadCount, int inboxPerRep, int sentPerRep, int meetingsPerRep, DateTime anchor)
    {
        Reps = reps;
        InboxPerRep = inboxPerRep;
        SentPerRep = sentPerRep;
        MeetingsPerRep = meetingsPerRep;
        this.anchor = anchor;
        Leads = Enumerable.Range(0, leadCount).Select(i =>
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[i / FirstNames.Length % LastNames.Length];
            var domain = Companies[i % Companies.Length];
            return new SampleLead(first, last, domain, $"{Slug(first)}.{Slug(last)}{i}@{domain}");
        }).ToList();
    }

    /// <summary>The demo: three reps, 60 leads, a few hundred messages and dozens of meetings each.</summary>
    public static SampleMailbox Demo(DateTime now) =>
        new(["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"], 60, 150, 100, 40, now.Date);

    public IReadOnlyList<string> Reps { get; }
    public IReadOnlyList<SampleLead> Leads { get; }
    public int InboxPerRep { get; }
    public int SentPerRep { get; }
    public int MeetingsPerRep { get; }

    public int Count(MailboxStream stream) => stream switch
    {
        MailboxStream.Inbox => InboxPerRep,
        MailboxStream.SentItems => SentPerRep,
        _ => MeetingsPerRep,
    };

    /// <summary>Writes item <paramref name="index"/> of a stream as Graph would (message or event JSON).</summary>
    public void Write(Utf8JsonWriter json, string rep, MailboxStream stream, int index)
    {
        var repIndex = Math.Max(0, IndexOfRep(rep));
        // Not HashCode.Combine: it is seeded per process, and the same item must look the same in every run.
        var random = new Random(unchecked(repIndex * 1_000_003 + (int)stream * 7_919 + index * 31) & int.MaxValue);
        if (stream == MailboxStream.Calendar) WriteMeeting(json, rep, repIndex, index, random);
        else WriteMessage(json, rep, repIndex, stream, index, random);
    }

    /// <summary>A mailbox by address or by object id: a rep who signed in to the API with a local token has the
    /// object id that token carried (the API's LocalTokenIssuer derives it from the address the same way).</summary>
    private int IndexOfRep(string rep)
    {
        for (var i = 0; i < Reps.Count; i++)
            if (Reps[i].Equals(rep, StringComparison.OrdinalIgnoreCase) || LocalObjectId(Reps[i]).Equals(rep, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static string LocalObjectId(string email) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email))[..16]).ToString();

    private void WriteMessage(Utf8JsonWriter json, string rep, int repIndex, MailboxStream stream, int index, Random random)
    {
        var at = anchor.AddMinutes(-(index * 37 + random.Next(30)));
        var lead = Leads[random.Next(Leads.Count)];
        var colleague = Reps[(repIndex + 1) % Reps.Count];
        json.WriteStartObject();
        json.WriteString("id", $"AAMk-{repIndex}-{(int)stream}-{index}");
        json.WriteString("internetMessageId", $"<{repIndex}.{(int)stream}.{index}@sample.{CompanyDomain}>");
        json.WriteString("subject", Topics[random.Next(Topics.Length)]);
        json.WriteString("receivedDateTime", at);
        json.WriteString("sentDateTime", at.AddSeconds(-5));
        json.WriteBoolean("isDraft", false);
        if (stream == MailboxStream.Inbox)
        {
            var kind = random.Next(100);
            var (address, name) = kind switch
            {
                < 60 => (lead.Email, $"{lead.FirstName} {lead.LastName}"),
                < 75 => (colleague, "A colleague"),
                < 90 => (Newsletter, "Industry Newsletter"),
                _ => ($"stranger{index}@elsewhere.example", "Someone New"),
            };
            WriteRecipient(json, "from", address, name);
            WriteRecipients(json, "toRecipients", [(rep, "Me")]);
        }
        else
        {
            var to = new List<(string, string)> { (lead.Email, $"{lead.FirstName} {lead.LastName}") };
            WriteRecipient(json, "from", rep, "Me");
            WriteRecipients(json, "toRecipients", to);
            WriteRecipients(json, "ccRecipients", random.Next(4) == 0 ? [(colleague, "A colleague")] : []);
            WriteRecipients(json, "bccRecipients", []);
        }
        json.WriteEndObject();
    }

    private void WriteMeeting(Utf8JsonWriter json, string rep, int repIndex, int index, Random random)
    {
        // Two thirds in the past (held or cancelled), the rest ahead.
        var start = anchor.Date.AddDays(-60 + index * 90 / Math.Max(1, MeetingsPerRep)).AddHours(9 + random.Next(8));
        var lead = Leads[random.Next(Leads.Count)];
        json.WriteStartObject();
        json.WriteString("id", $"AAMkEv-{repIndex}-{index}");
        json.WriteString("iCalUId", $"040000008200E00074C5B7101A82E008{repIndex:D4}{index:D8}");
        json.WriteString("subject", $"{Topics[random.Next(Topics.Length)]} with {lead.FirstName}");
        json.WriteBoolean("isCancelled", random.Next(10) == 0);
        WriteTime(json, "start", start);
        WriteTime(json, "end", start.AddMinutes(30));
        json.WriteStartObject("organizer");
        json.WriteStartObject("emailAddress");
        json.WriteString("address", rep);
        json.WriteString("name", "Me");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("attendees");
        WriteAttendee(json, lead.Email, $"{lead.FirstName} {lead.LastName}");
        if (random.Next(3) == 0) WriteAttendee(json, Reps[(repIndex + 1) % Reps.Count], "A colleague");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTime utc)
    {
        json.WriteStartObject(name);
        json.WriteString("dateTime", utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"));
        json.WriteString("timeZone", "UTC");
        json.WriteEndObject();
    }

    private static void WriteAttendee(Utf8JsonWriter json, string address, string name)
    {
        json.WriteStartObject();
        json.WriteString("type", "required");
        json.WriteStartObject("emailAddress");
        json.WriteString("address", address);
        json.WriteString("name", name);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRecipient(Utf8JsonWriter json, string property, string address, string name)
    {
        json.WriteStartObject(property);
        json.WriteStartObject("emailAddress");
        json.WriteString("address", address);
        json.WriteString("name", name);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRecipients(Utf8JsonWriter json, string property, IEnumerable<(string Address, string Name)> people)
    {
        json.WriteStartArray(property);
        foreach (var (address, name) in people)
        {
            json.WriteStartObject();
            json.WriteStartObject("emailAddress");
            json.WriteString("address", address);
            json.WriteString("name", name);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Slug(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant();
}
