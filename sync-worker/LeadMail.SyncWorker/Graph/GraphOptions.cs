using System.Net;

namespace LeadMail.SyncWorker.Graph;

/// <summary>Configuration section <c>Graph</c>: where Microsoft Graph is and how the worker signs in (app-only).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary><c>Graph:BaseUrl</c>; a loopback address (tests, the demo) may run without credentials.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>A PFX or PEM file holding the app's certificate and key, instead of a client secret.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>Attempts after the first for a throttled (429/503), failing (5xx) or dropped request.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Base of the jittered exponential backoff when Graph gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest the worker waits before one retry, whatever Retry-After asks.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one request may take before it counts as dropped.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public bool IsLoopback =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    public bool HasSecret => !string.IsNullOrWhiteSpace(ClientSecret);
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Every problem with the configuration, each naming its key; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return "Graph:BaseUrl must be an absolute http(s) URL.";
            yield break;
        }
        if (uri.Scheme == "http" && !IsLoopback) yield return "Graph:BaseUrl must use https unless it is a loopback address.";
        if (MaxRetries is < 0 or > 20) yield return "Graph:MaxRetries must be between 0 and 20.";
        if (RetryBaseDelay < TimeSpan.Zero) yield return "Graph:RetryBaseDelay must not be negative.";
        if (MaxRetryDelay <= TimeSpan.Zero) yield return "Graph:MaxRetryDelay must be positive.";
        if (RequestTimeout < TimeSpan.FromSeconds(1)) yield return "Graph:RequestTimeout must be at least one second.";

        var anyCredential = HasSecret || HasCertificate || !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId);
        // Anonymous access is for a local stand-in only: a real tenant always needs a credential.
        if (IsLoopback && !anyCredential) yield break;
        if (string.IsNullOrWhiteSpace(TenantId)) yield return "Graph:TenantId is required (the directory (tenant) id of the app registration).";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "Graph:ClientId is required (the application (client) id).";
        if (!HasSecret && !HasCertificate) yield return "Graph:ClientSecret or Graph:CertificatePath is required for app-only access.";
        if (HasSecret && HasCertificate) yield return "Graph:ClientSecret and Graph:CertificatePath are both set: choose one.";
        if (HasCertificate && !File.Exists(CertificatePath)) yield return $"Graph:CertificatePath points to a missing file ({CertificatePath}).";
    }
}
