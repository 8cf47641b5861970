using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Api.Auth;

/// <summary>
/// The development signing key: from configuration when given, else generated once into a
/// git-ignored file, so the API and the token command agree without a secret in the repo.
/// </summary>
public static class LocalSigningKey
{
    public static SymmetricSecurityKey Load(LocalAuthOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromBase64(options.SigningKey, "Auth:Local:SigningKey");

        var path = Path.IsPathRooted(options.KeyFile) ? options.KeyFile : Path.Combine(contentRoot, options.KeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(file);
                writer.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the API and the token command starting together) wrote it first: use theirs.
            }
        }
        return FromBase64(File.ReadAllText(path).Trim(), path);
    }

    private static SymmetricSecurityKey FromBase64(string value, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not base64.");
        }
        if (bytes.Length < 32) throw new InvalidOperationException($"{source} must hold at least 256 bits (32 bytes).");
        return new SymmetricSecurityKey(bytes) { KeyId = "leadmail-local" };
    }
}
