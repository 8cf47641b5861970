using LeadMail.Core.Contacts;

namespace LeadMail.SyncWorker.Sync;

/// <summary>Configuration section <c>Sync</c>: what the worker reads, what becomes a touch, how often.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary><c>Sync:CompanyDomains</c>: the company's own domains; mail between colleagues is never a touch.</summary>
    public List<string> CompanyDomains { get; set; } = [];

    /// <summary>
    /// <c>Sync:ExcludedAddresses</c>: never touches, never contacts. Each entry is an address
    /// (<c>news@vendor.com</c>), a domain (<c>@mailer.example.com</c> or <c>mailer.example.com</c>), or a
    /// local part on any domain (<c>noreply@</c>).
    /// </summary>
    public List<string> ExcludedAddresses { get; set; } = ["noreply@", "no-reply@", "donotreply@", "mailer-daemon@", "postmaster@"];

    /// <summary><c>Sync:AutoCreateContacts</c>: what to do with an external correspondent who is not a contact yet.</summary>
    public AutoCreatePolicy AutoCreateContacts { get; set; } = AutoCreatePolicy.Ignore;

    /// <summary>How often each mailbox stream is read again once it is caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the continuous worker looks for streams that have come due (at most every second while notifications are on).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>Sync:NotificationUrl</c>: the public HTTPS address of the API's <c>/api/sync/notifications</c>, which Graph
    /// calls on each change. Unset: no subscriptions, polling only.
    /// </summary>
    public string? NotificationUrl { get; set; }

    /// <summary><c>Sync:LifecycleNotificationUrl</c>: the API's <c>/api/sync/lifecycle</c>, for Graph's lifecycle events; set with <see cref="NotificationUrl"/>.</summary>
    public string? LifecycleNotificationUrl { get; set; }

    /// <summary>How often a stream is polled while its mailbox's subscription is healthy: notifications nudge it, polling is the safety net.</summary>
    public TimeSpan PollIntervalWhenSubscribed { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long each subscription is asked to last: Graph allows at most 10,080 minutes for Outlook messages and events. Renewed at half its life.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(10_000);

    /// <summary>How often the continuous worker checks its subscriptions (creates, renews, recreates, deletes).</summary>
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool NotificationsEnabled => !string.IsNullOrWhiteSpace(NotificationUrl);

    /// <summary>The dispatch pass: at least every second while notifications can nudge.</summary>
    public TimeSpan EffectiveDispatchInterval => NotificationsEnabled && DispatchInterval > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : DispatchInterval;

    /// <summary>
    /// While notifications can nudge, how often the continuous worker looks for a nudged stream between dispatch passes
    /// (one indexed query, <see cref="MailboxLeases.AnyNudgedAsync"/>): a nudged mailbox is claimed within a quarter second.
    /// </summary>
    public static readonly TimeSpan NudgeCheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Streams synced at once across all mailboxes (each mailbox has at most <see cref="MaxStreamsPerMailbox"/>).</summary>
    public int MaxConcurrentStreams { get; set; } = 12;

    /// <summary>How long a claim on a stream lasts without a committed page; a crashed worker's streams free up after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed attempts after which a stream is shown as in error.</summary>
    public int FailuresBeforeError { get; set; } = 3;

    /// <summary>Items per Graph page (Prefer: odata.maxpagesize); Graph may send fewer.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Items read before a commit: pages read one after another are committed together up to this many
    /// (and at the round's end, before a third of the lease has passed, and when stopping). More items a
    /// commit bring each touched lead up to date fewer times in a backfill; a crash reads at most this many again.
    /// </summary>
    public int ItemsPerCommit { get; set; } = 5_000;

    /// <summary>
    /// <c>Sync:SkippedFolders</c>: folders that are not correspondence and get no stream, with their child folders.
    /// An entry is one of Graph's well-known folder names (<c>drafts</c>, <c>junkemail</c>…) or a display name
    /// (<c>RSS Feeds</c>, which has no well-known name). Configured entries replace the defaults.
    /// </summary>
    public List<string>? SkippedFolders { get; set; }

    public static readonly string[] DefaultSkippedFolders =
        ["drafts", "junkemail", "deleteditems", "outbox", "conversationhistory", "syncissues", "conflicts", "localfailures", "serverfailures", "RSS Feeds", "RSS Subscriptions"];

    /// <summary>Graph's well-known mail folder names (mailFolder resource, v1.0).</summary>
    public static readonly string[] WellKnownFolderNames =
        ["archive", "clutter", "conflicts", "conversationhistory", "deleteditems", "drafts", "inbox", "junkemail", "localfailures", "msgfolderroot",
         "outbox", "recoverableitemsdeletions", "scheduled", "searchfolders", "sentitems", "serverfailures", "syncissues"];

    public IReadOnlySet<string> EffectiveSkippedFolders() =>
        (SkippedFolders ?? [.. DefaultSkippedFolders]).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Streams of one mailbox synced at once, each one Graph request at a time: within Graph's four concurrent requests per mailbox.</summary>
    public int MaxStreamsPerMailbox { get; set; } = 3;

    /// <summary>
    /// <c>Sync:CalendarRollDays</c>: the calendarView window starts anew (from <c>CalendarDaysBack</c> before now to
    /// <c>CalendarDaysAhead</c> after) once this many days have passed since it started, so meetings further ahead come in.
    /// </summary>
    public int CalendarRollDays { get; set; } = 30;

    /// <summary>Meetings synced from this far back (the calendarView window starts anew every <c>Sync:CalendarRollDays</c>).</summary>
    public int CalendarDaysBack { get; set; } = 90;

    /// <summary>Meetings synced this far ahead.</summary>
    public int CalendarDaysAhead { get; set; } = 180;

    /// <summary>
    /// <c>Sync:HistoryDays</c>: how far back a new address's mail and meetings are fetched from every synced mailbox
    /// (1 to 3650; meetings ahead come from the same fetch, up to <c>CalendarDaysAhead</c>).
    /// </summary>
    public int HistoryDays { get; set; } = 365;

    private IEnumerable<string> NotificationProblems()
    {
        var set = !string.IsNullOrWhiteSpace(NotificationUrl);
        if (set != !string.IsNullOrWhiteSpace(LifecycleNotificationUrl))
            yield return "Sync:NotificationUrl and Sync:LifecycleNotificationUrl are set together or not at all.";
        foreach (var (key, value) in new[] { ("Sync:NotificationUrl", NotificationUrl), ("Sync:LifecycleNotificationUrl", LifecycleNotificationUrl) })
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                yield return $"{key} must be an absolute https URL that Graph can reach.";
            else if (uri.Scheme == "http" && !uri.IsLoopback)
                yield return $"{key} must use https: Graph only calls public HTTPS addresses.";
        }
        if (PollIntervalWhenSubscribed < PollInterval) yield return "Sync:PollIntervalWhenSubscribed must be at least Sync:PollInterval.";
        if (SubscriptionLifetime < TimeSpan.FromMinutes(45) || SubscriptionLifetime > TimeSpan.FromMinutes(10_080))
            yield return "Sync:SubscriptionLifetime must be between 45 and 10080 minutes (Graph's limit for Outlook messages and events).";
        if (SubscriptionCheckInterval < TimeSpan.FromSeconds(1) || SubscriptionCheckInterval >= SubscriptionLifetime / 2)
            yield return "Sync:SubscriptionCheckInterval must be at least a second and well under half of Sync:SubscriptionLifetime.";
    }

    public HashSet<string> NormalizedCompanyDomains() =>
        CompanyDomains.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => EmailAddress.Normalize(d).TrimStart('@')).ToHashSet();

    public IEnumerable<string> Problems()
    {
        if (PollInterval < TimeSpan.FromSeconds(1)) yield return "Sync:PollInterval must be at least one second.";
        if (DispatchInterval <= TimeSpan.Zero) yield return "Sync:DispatchInterval must be positive.";
        if (MaxConcurrentStreams is < 1 or > 256) yield return "Sync:MaxConcurrentStreams must be between 1 and 256.";
        if (LeaseDuration < TimeSpan.FromSeconds(5)) yield return "Sync:LeaseDuration must be at least five seconds.";
        if (FailuresBeforeError < 1) yield return "Sync:FailuresBeforeError must be at least 1.";
        if (PageSize is < 1 or > 1000) yield return "Sync:PageSize must be between 1 and 1000.";
        if (ItemsPerCommit is < 1 or > 100_000) yield return "Sync:ItemsPerCommit must be between 1 and 100000.";
        if (CalendarDaysBack is < 0 or > 3650) yield return "Sync:CalendarDaysBack must be between 0 and 3650.";
        if (CalendarDaysAhead is < 0 or > 3650) yield return "Sync:CalendarDaysAhead must be between 0 and 3650.";
        if (MaxStreamsPerMailbox is < 1 or > 4) yield return "Sync:MaxStreamsPerMailbox must be between 1 and 4 (Graph allows four concurrent requests per mailbox).";
        foreach (var problem in NotificationProblems()) yield return problem;
        if (CalendarRollDays is < 1 or > 365) yield return "Sync:CalendarRollDays must be between 1 and 365.";
        if (HistoryDays is < 1 or > 3650) yield return "Sync:HistoryDays must be between 1 and 3650.";
        foreach (var folder in SkippedFolders ?? [])
        {
            if (string.IsNullOrWhiteSpace(folder)) yield return "Sync:SkippedFolders has an empty entry.";
            else if (folder.Trim() is var f && (f.Equals("inbox", StringComparison.OrdinalIgnoreCase) || f.Equals("sentitems", StringComparison.OrdinalIgnoreCase)))
                yield return $"Sync:SkippedFolders has '{folder}': Inbox and Sent Items are always synced.";
        }
        foreach (var domain in CompanyDomains)
        {
            var d = domain?.Trim().TrimStart('@') ?? "";
            if (d.Length == 0 || !d.Contains('.') || d.Contains('@') || d.Any(char.IsWhiteSpace))
                yield return $"Sync:CompanyDomains has '{domain}', which is not a domain like contoso.com.";
        }
        foreach (var entry in ExcludedAddresses)
        {
            if (string.IsNullOrWhiteSpace(entry) || entry.Trim().Any(char.IsWhiteSpace) || entry.Count(c => c == '@') > 1)
                yield return $"Sync:ExcludedAddresses has '{entry}', which is neither an address, a domain nor 'localpart@'.";
        }
    }
}

/// <summary>Whether the worker turns unknown external correspondents into contacts.</summary>
public enum AutoCreatePolicy
{
    /// <summary>Only mail with people who are already contacts becomes a touch.</summary>
    Ignore,

    /// <summary>Someone who writes to a rep becomes a contact.</summary>
    Inbound,

    /// <summary>Someone a rep writes to becomes a contact.</summary>
    Outbound,

    /// <summary>Both.</summary>
    Both,
}
