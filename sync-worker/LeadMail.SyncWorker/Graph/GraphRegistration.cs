using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Polly;

namespace LeadMail.SyncWorker.Graph;

public static class GraphRegistration
{
    public const string HttpClientName = "graph";
    private static readonly string[] AppOnlyScope = ["https://graph.microsoft.com/.default"];

    /// <summary>
    /// The real Graph SDK over an HttpClient whose resilience handler does all retrying: Retry-After on
    /// 429/503, jittered exponential backoff on other 5xx, timeouts and dropped connections. The SDK's
    /// own retry middleware is left out on purpose (a supplied HttpClient is used as is), so one policy
    /// with configurable delays governs every call.
    /// </summary>
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphOptions>()
            .Bind(configuration.GetSection(GraphOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidation>();

        var http = services.AddHttpClient(HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("LeadMail.SyncWorker", "1.0"));
            });
        http.AddResilienceHandler("graph-retry", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GraphOptions>>().Value;
                // Waits (Retry-After, backoff) go through the host's clock like every other time read.
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(options.RequestTimeout);
            });
        // Added after the retry, so it runs inside it: a body cut short is a fault to retry, not a page to misread.
        http.AddHttpMessageHandler(() => new WholeResponse());

        services.AddTransient(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var baseUrl = options.BaseUrl.TrimEnd('/');
            return Credential(options) is { } credential
                ? new GraphServiceClient(http, credential, AppOnlyScope, baseUrl)
                : new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl);
        });
        return services;
    }

    /// <summary>Null only for a loopback stand-in configured without any credential.</summary>
    private static TokenCredential? Credential(GraphOptions options)
    {
        if (options.HasSecret) return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        if (options.HasCertificate && !string.IsNullOrEmpty(options.CertificatePassword))
            return new ClientCertificateCredential(options.TenantId, options.ClientId,
                X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword));
        if (options.HasCertificate) return new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath);
        return null;
    }
}

/// <summary>Reports every configuration problem at start, each naming its key.</summary>
internal sealed class GraphOptionsValidation : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
