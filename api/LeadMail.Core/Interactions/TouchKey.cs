using System.Security.Cryptography;
using System.Text;

namespace LeadMail.Core.Interactions;

/// <summary>Builds the natural keys that make a touch idempotent.</summary>
public static class TouchKey
{
    public const int MaxLength = 400;

    /// <summary>A mail touch: the message's internetMessageId, whichever mailbox it was seen in.</summary>
    public static string ForMail(string internetMessageId, Direction direction) =>
        Fit($"mail:{direction.ToString().ToLowerInvariant()}:{internetMessageId.Trim()}");

    /// <summary>A meeting touch: the iCalUId shared by every attendee's copy of the event.</summary>
    public static string ForMeeting(string iCalUId) => Fit($"meeting:{iCalUId.Trim()}");

    /// <summary>A touch logged by hand: the client's idempotency key.</summary>
    public static string ForClient(string idempotencyKey) => Fit($"client:{idempotencyKey.Trim()}");

    /// <summary>Keys longer than the column are replaced by their SHA-256, which stays unique and stable.</summary>
    public static string Fit(string key) =>
        key.Length <= MaxLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
