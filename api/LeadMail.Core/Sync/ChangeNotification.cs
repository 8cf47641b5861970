namespace LeadMail.Core.Sync;

/// <summary>
/// One item of Graph's changeNotificationCollection as the API received it (change notifications and lifecycle
/// notifications share the shape). Only the subscription and its clientState are used: the rest is not trusted.
/// </summary>
public sealed record ChangeNotification(string? SubscriptionId, string? ClientState, string? LifecycleEvent = null);
