using System.Buffers;
using System.Text.Json;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Demo;

/// <summary>A lead the sample mailbox corresponds with.</summary>
public sealed record SampleLead(string FirstName, string LastName, string Company, string Email);

/// <summary>
/// A generated, deterministic set of mailboxes: each item is computed from (mailbox, stream, index),
/// so a mailbox of any size is served without holding it in memory, and the same request always
/// gets the same answer. Inbox mail comes from leads, colleagues, a newsletter (with List-Unsubscribe) and
/// strangers, and holds meeting invitations; a rule files some leads' mail into Inbox/Clients; Drafts is there
/// and skipped; sent mail goes to leads (some copied to a colleague); meetings with leads, past and future, some
/// cancelled, and a weekly series whose occurrences arrive as stubs of its master. A <see cref="Prospect"/> who is not a
/// lead yet wrote, was written to and met: the demo adds them after its first round, and their history is fetched.
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

    /// <summary>Someone every rep corresponds with who is not among <see cref="Leads"/>: no touches until made a lead.</summary>
    public SampleLead Prospect { get; } = new("Pat", "Quinlan", "wingtip.example", "pat.quinlan@wingtip.example");

    /// <summary>Inbox and Sent Items items, every this many, are the prospect's; one past meeting is with them too.</summary>
    private const int ProspectEvery = 30;

    private const int ProspectMeeting = 3;
    public int InboxPerRep { get; }
    public int SentPerRep { get; }
    public int MeetingsPerRep { get; }

    /// <summary>Messages a rule filed into Inbox/Clients, per rep.</summary>
    public const int ClientsPerRep = 12;

    /// <summary>Weekly occurrences of each rep's recurring meeting, at the end of the calendar.</summary>
    public const int SeriesOccurrences = 6;

    /// <summary>The folder ids the folder list gives, by well-known name or, for the subfolder, "clients".</summary>
    public static string FolderId(string name) => $"folder-{name.ToLowerInvariant()}";

    /// <summary>The id of a rep's recurring meeting's series master.</summary>
    public static string SeriesMasterId(int repIndex) => $"AAMkSeries-{repIndex}";

    public int Count(MailboxStream stream) => stream switch
    {
        MailboxStream.Inbox => InboxPerRep,
        MailboxStream.SentItems => SentPerRep,
        MailboxStream.MailFolder => ClientsPerRep,
        MailboxStream.Folders => 4,
        _ => MeetingsPerRep + SeriesOccurrences,
    };

    /// <summary>Writes item <paramref name="index"/> of a stream as Graph would (message or event JSON).</summary>
    public void Write(Utf8JsonWriter json, string rep, MailboxStream stream, int index)
    {
        var repIndex = Math.Max(0, IndexOfRep(rep));
        // Not HashCode.Combine: it is seeded per process, and the same item must look the same in every run.
        var random = new Random(unchecked(repIndex * 1_000_003 + (int)stream * 7_919 + index * 31) & int.MaxValue);
        if (stream == MailboxStream.Folders) WriteFolder(json, index);
        else if (stream == MailboxStream.Calendar && index >= MeetingsPerRep) WriteOccurrence(json, repIndex, index - MeetingsPerRep);
        else if (stream == MailboxStream.Calendar) WriteMeeting(json, rep, repIndex, index, random);
        else WriteMessage(json, rep, repIndex, stream, index, random);
    }

    /// <summary>
    /// What <c>messages?$search="participants:{address}"</c> finds in a rep's mailbox: every message of the synced
    /// folders from, to, copied or blind-copied to the address, newest first, as (stream, index).
    /// </summary>
    public IEnumerable<(MailboxStream Stream, int Index)> MessagesWith(string rep, string address)
    {
        var found = new List<(MailboxStream Stream, int Index, DateTimeOffset At)>();
        foreach (var stream in new[] { MailboxStream.Inbox, MailboxStream.SentItems, MailboxStream.MailFolder })
        {
            for (var index = 0; index < Count(stream); index++)
            {
                using var item = Render(rep, stream, index);
                var root = item.RootElement;
                var people = new[] { "from", "toRecipients", "ccRecipients", "bccRecipients" }
                    .SelectMany(p => !root.TryGetProperty(p, out var value) ? [] : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value]);
                if (people.Any(p => string.Equals(p.GetProperty("emailAddress").GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
                    found.Add((stream, index, root.GetProperty("receivedDateTime").GetDateTimeOffset()));
            }
        }
        return found.OrderByDescending(f => f.At).Select(f => (f.Stream, f.Index));
    }

    private JsonDocument Render(string rep, MailboxStream stream, int index)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) Write(json, rep, stream, index);
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>A rep's recurring meeting as <c>GET /events/{seriesMasterId}</c> returns it; false for an unknown id.</summary>
    public bool WriteSeriesMaster(Utf8JsonWriter json, string rep, string id)
    {
        var repIndex = IndexOfRep(rep);
        if (repIndex < 0 || id != SeriesMasterId(repIndex)) return false;
        var lead = Leads[repIndex % Leads.Count];
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", "seriesMaster");
        json.WriteString("iCalUId", $"040000008200E00074C5B7101A82E008SERIES{repIndex:D4}");
        json.WriteString("subject", $"Weekly check-in with {lead.FirstName}");
        json.WriteBoolean("isCancelled", false);
        WriteTime(json, "start", SeriesStart(0));
        WriteTime(json, "end", SeriesStart(0).AddMinutes(30));
        json.WriteStartObject("organizer");
        json.WriteStartObject("emailAddress");
        json.WriteString("address", Reps[repIndex]);
        json.WriteString("name", "Me");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("attendees");
        WriteAttendee(json, lead.Email, $"{lead.FirstName} {lead.LastName}");
        json.WriteEndArray();
        json.WriteEndObject();
        return true;
    }

    private DateTime SeriesStart(int occurrence) => anchor.Date.AddDays(-21 + 7 * occurrence).AddHours(15);

    /// <summary>An occurrence stub: id, type, seriesMasterId and times only, as calendarView/delta often sends them.</summary>
    private void WriteOccurrence(Utf8JsonWriter json, int repIndex, int occurrence)
    {
        json.WriteStartObject();
        json.WriteString("id", $"AAMkOcc-{repIndex}-{occurrence}");
        json.WriteString("type", "occurrence");
        json.WriteString("seriesMasterId", SeriesMasterId(repIndex));
        WriteTime(json, "start", SeriesStart(occurrence));
        WriteTime(json, "end", SeriesStart(occurrence).AddMinutes(30));
        json.WriteEndObject();
    }

    private static void WriteFolder(Utf8JsonWriter json, int index)
    {
        var (name, display, parent) = index switch
        {
            0 => ("inbox", "Inbox", "root"),
            1 => ("sentitems", "Sent Items", "root"),
            2 => ("drafts", "Drafts", "root"),
            _ => ("clients", "Clients", FolderId("inbox")),
        };
        json.WriteStartObject();
        json.WriteString("id", FolderId(name));
        json.WriteString("displayName", display);
        json.WriteString("parentFolderId", parent);
        json.WriteNumber("childFolderCount", name == "inbox" ? 1 : 0);
        json.WriteNumber("totalItemCount", name == "clients" ? ClientsPerRep : 0);
        json.WriteEndObject();
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
        var prospect = stream is MailboxStream.Inbox or MailboxStream.SentItems && index % ProspectEvery == 7;
        if (prospect) lead = Prospect;
        var colleague = Reps[(repIndex + 1) % Reps.Count];
        json.WriteStartObject();
        // Every 25th message in Inbox is an invitation from the lead: a meeting message, not an email touch.
        if (stream == MailboxStream.Inbox && index % 25 == 24) json.WriteString("@odata.type", "#microsoft.graph.eventMessageRequest");
        json.WriteString("id", $"AAMk-{repIndex}-{(int)stream}-{index}");
        json.WriteString("internetMessageId", $"<{repIndex}.{(int)stream}.{index}@sample.{CompanyDomain}>");
        json.WriteString("subject", Topics[random.Next(Topics.Length)]);
        json.WriteString("receivedDateTime", at);
        json.WriteString("sentDateTime", at.AddSeconds(-5));
        json.WriteBoolean("isDraft", false);
        if (stream == MailboxStream.MailFolder)
        {
            WriteRecipient(json, "from", lead.Email, $"{lead.FirstName} {lead.LastName}");
            WriteRecipients(json, "toRecipients", [(rep, "Me")]);
        }
        else if (stream == MailboxStream.Inbox)
        {
            var kind = random.Next(100);
            var (address, name) = kind switch
            {
                _ when prospect => (lead.Email, $"{lead.FirstName} {lead.LastName}"),
                < 60 => (lead.Email, $"{lead.FirstName} {lead.LastName}"),
                < 75 => (colleague, "A colleague"),
                < 90 => (Newsletter, "Industry Newsletter"),
                _ => ($"stranger{index}@elsewhere.example", "Someone New"),
            };
            WriteRecipient(json, "from", address, name);
            WriteRecipients(json, "toRecipients", [(rep, "Me")]);
            if (address == Newsletter)
            {
                json.WriteStartArray("internetMessageHeaders");
                json.WriteStartObject();
                json.WriteString("name", "List-Unsubscribe");
                json.WriteString("value", "<mailto:unsubscribe@mailer.example.com>");
                json.WriteEndObject();
                json.WriteEndArray();
            }
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
        var lead = index == ProspectMeeting ? Prospect : Leads[random.Next(Leads.Count)];
        json.WriteStartObject();
        json.WriteString("id", $"AAMkEv-{repIndex}-{index}");
        json.WriteString("iCalUId", $"040000008200E00074C5B7101A82E008{repIndex:D4}{index:D8}");
        json.WriteString("subject", $"{Topics[random.Next(Topics.Length)]} with {lead.FirstName}");
        json.WriteBoolean("isCancelled", index != ProspectMeeting && random.Next(10) == 0);
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
