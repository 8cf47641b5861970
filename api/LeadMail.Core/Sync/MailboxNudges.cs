using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadMail.Core.Sync;

/// <summary>
/// What a Graph notification may do: nudge the streams of the mailbox it names, so the worker's next dispatch
/// tick runs their delta rounds, and flag its subscription for renewal or recreation. A notification whose
/// clientState does not match the subscription's secret changes nothing. The worker runs in another process;
/// the nudge is a counter on each stream's row that its claim catches up with, so the two clocks never matter.
/// </summary>
public sealed class MailboxNudges(LeadMailDb db, TimeProvider clock, ILogger<MailboxNudges> log)
{
    /// <returns>How many notifications were genuine.</returns>
    public async Task<int> ReceiveAsync(IReadOnlyList<ChangeNotification> notifications, CancellationToken ct)
    {
        var genuine = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var group in notifications.GroupBy(n => n.SubscriptionId ?? ""))
        {
            var subscription = await FindAsync(group.Key, ct);
            foreach (var notification in group)
            {
                if (subscription is null || !SubscriptionSecret.Matches(notification.ClientState, subscription.ClientStateHash))
                {
                    log.LogWarning("Ignored a change notification for subscription {SubscriptionId}: {Reason}",
                        Printable(group.Key), subscription is null ? "no such subscription" : "its clientState does not match");
                    continue;
                }
                genuine++;
                if (notification.LifecycleEvent is null) continue;
                await ApplyLifecycleAsync(subscription, notification.LifecycleEvent, now, ct);
            }
            if (subscription is not null && group.Any(n => n.LifecycleEvent is null && SubscriptionSecret.Matches(n.ClientState, subscription.ClientStateHash)))
                await NudgeAsync(subscription.RepId, subscription.Resource, now, ct);
        }
        return genuine;
    }

    private async Task ApplyLifecycleAsync(MailSubscription subscription, string lifecycleEvent, DateTime now, CancellationToken ct)
    {
        var rows = db.MailSubscriptions.Where(s => s.Id == subscription.Id);
        switch (lifecycleEvent)
        {
            case "reauthorizationRequired":
                await rows.ExecuteUpdateAsync(set => set.SetProperty(s => s.RenewRequestedAt, now), ct);
                break;
            case "subscriptionRemoved":
                await rows.ExecuteUpdateAsync(set => set.SetProperty(s => s.RemovedAt, now), ct);
                // Changes made until it is back are caught by the mailbox's delta round.
                await NudgeAsync(subscription.RepId, null, now, ct);
                break;
            case "missed":
                await NudgeAsync(subscription.RepId, null, now, ct);
                break;
            default:
                log.LogInformation("Ignored the unknown lifecycle event {Event} for subscription {SubscriptionId}", Printable(lifecycleEvent), subscription.GraphSubscriptionId);
                break;
        }
    }

    /// <summary>
    /// Marks the streams a subscription covers due now (messages: every mail folder's stream; events: the calendar; null:
    /// all). A message's notification does not name its folder, so every mail folder is read; the folder list and the
    /// history stream are not: a new message changes neither, and they keep their own polls.
    /// </summary>
    private Task NudgeAsync(int repId, SubscriptionResource? resource, DateTime now, CancellationToken ct)
    {
        var streams = db.MailboxSyncs.Where(s => s.RepId == repId);
        if (resource == SubscriptionResource.Events) streams = streams.Where(s => s.Stream == MailboxStream.Calendar);
        else if (resource == SubscriptionResource.Messages)
            streams = streams.Where(s => s.Stream == MailboxStream.Inbox || s.Stream == MailboxStream.SentItems || s.Stream == MailboxStream.MailFolder);
        return streams.ExecuteUpdateAsync(set => set.SetProperty(s => s.Nudges, s => s.Nudges + 1).SetProperty(s => s.NudgedAt, now), ct);
    }

    private async Task<MailSubscription?> FindAsync(string subscriptionId, CancellationToken ct) =>
        subscriptionId.Length is 0 or > 200 ? null
            : await db.MailSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.GraphSubscriptionId == subscriptionId, ct);

    /// <summary>Text from an anonymous caller, cut short and without line breaks before it reaches the log.</summary>
    private static string Printable(string value) => new((value.Length <= 100 ? value : value[..100]).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
