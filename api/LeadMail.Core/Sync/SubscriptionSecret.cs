using System.Security.Cryptography;
using System.Text;

namespace LeadMail.Core.Sync;

/// <summary>
/// The clientState of a subscription: a random secret Graph echoes in every notification. Only its SHA-256 is
/// stored (the secret has 256 bits of entropy, so a fast hash is enough) and it is compared in constant time.
/// </summary>
public static class SubscriptionSecret
{
    /// <summary>Graph's limit on clientState.</summary>
    public const int MaxLength = 128;

    public static (string Secret, byte[] Hash) Create()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, Hash(secret));
    }

    public static bool Matches(string? presented, byte[]? hash) =>
        presented is { Length: > 0 and <= MaxLength } && hash is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Hash(presented), hash);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
