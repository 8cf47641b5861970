using LeadMail.Api.Addin;
using LeadMail.Api.Auth;

namespace LeadMail.Api.Web;

/// <summary>The kinds of answer the host gives, each with its own Content-Security-Policy.</summary>
public enum AnswerKind
{
    /// <summary>JSON, CSV, config.json, the manifest, bundles, icons: nothing a browser should run or frame.</summary>
    Api,

    /// <summary>The Outlook task pane: Office.js from Microsoft's CDN, framed by Outlook.</summary>
    TaskPane,

    /// <summary>The managers' dashboard: our own scripts only, never framed.</summary>
    Dashboard,

    /// <summary>Swagger UI and its document.</summary>
    Swagger,

    /// <summary>The try page: our own scripts, framing the pane from this origin, never framed itself.</summary>
    Try,

    /// <summary>The task pane as the try page frames it (/try/pane): the pane's policy, framed only by this origin.</summary>
    TryPane,
}

/// <summary>
/// Every answer carries <c>X-Content-Type-Options: nosniff</c> and a Content-Security-Policy for its kind:
/// scripts only from this origin (and Office.js's, for the pane), no inline script, no plugins, and framing only
/// by Outlook for the pane, by nobody for everything else (OWASP's REST guidance for the API's answers).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Office.js's origin: the pane must load it from Microsoft's CDN (store policy).</summary>
    public const string OfficeJsOrigin = "https://appsforoffice.microsoft.com";

    /// <summary>
    /// Who may frame the pane: Outlook on the web for work and school accounts (and its -sdf rings, its
    /// cloud.microsoft address), for personal accounts, and Office on the web's add-in hosts. The new Outlook for
    /// Windows is Outlook on the web; classic Outlook on Windows and Outlook on Mac open the pane unframed.
    /// </summary>
    public static readonly IReadOnlyList<string> OutlookHosts =
    [
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook-sdf.office.com",
        "https://outlook-sdf.office365.com",
        "https://outlook.cloud.microsoft",
        "https://outlook.live.com",
        "https://*.officeapps.live.com",
    ];

    /// <summary>Where MSAL.js talks to Entra ID (discovery, token and silent-renewal frame) when the pane falls back from the host's broker.</summary>
    public const string EntraLoginOrigin = "https://login.microsoftonline.com";

    /// <summary>
    /// Sets the headers on every answer, errors included: call it first, before the exception handler, which
    /// clears headers set earlier but not the ones written as the answer starts.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var policies = Policies(SignInOrigins(app.Configuration, app.Services.GetRequiredService<AuthModeInUse>().Mode));
        app.Use((context, next) =>
        {
            // Decided now: inside app.Map branches the path is shortened by the time the answer starts.
            var kind = KindOf(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = policies[kind];
                if (kind is not (AnswerKind.TaskPane or AnswerKind.TryPane)) headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static AnswerKind KindOf(PathString path)
    {
        if (path.Equals(AddinHosting.PathPrefix + "/" + AddinHosting.TaskPane, StringComparison.OrdinalIgnoreCase)) return AnswerKind.TaskPane;
        if (path.Equals(AddinHosting.DashboardPath, StringComparison.OrdinalIgnoreCase)
            || path.Equals(AddinHosting.DashboardPath + "/", StringComparison.OrdinalIgnoreCase)
            || path.Equals(AddinHosting.PathPrefix + "/" + AddinHosting.DashboardPage, StringComparison.OrdinalIgnoreCase)) return AnswerKind.Dashboard;
        if (path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)) return AnswerKind.Swagger;
        if (path.Equals(TryPage.PanePath, StringComparison.OrdinalIgnoreCase)) return AnswerKind.TryPane;
        if (path.Equals(TryPage.Path, StringComparison.OrdinalIgnoreCase) || path.Equals(TryPage.Path + "/", StringComparison.OrdinalIgnoreCase)
            || path.Equals(AddinHosting.PathPrefix + "/" + TryPage.Page, StringComparison.OrdinalIgnoreCase)) return AnswerKind.Try;
        return AnswerKind.Api;
    }

    /// <summary>The Entra origins the pages' MSAL sign-in reaches in Entra mode (the configured authority's, and the public cloud's discovery); none in Local mode.</summary>
    public static IReadOnlyList<string> SignInOrigins(IConfiguration configuration, AuthMode mode)
    {
        if (mode != AuthMode.EntraId) return [];
        var authority = AddinHosting.ConfigFor(configuration, mode).Authority;
        var origins = new List<string> { EntraLoginOrigin };
        if (Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            var origin = uri.GetLeftPart(UriPartial.Authority);
            if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase)) origins.Add(origin);
        }
        return origins;
    }

    public static IReadOnlyDictionary<AnswerKind, string> Policies(IReadOnlyList<string> signIn)
    {
        var connect = string.Join(' ', ["'self'", .. signIn]);
        // Fluent UI (Griffel) writes its styles into <style> elements at run time, the pages and Swagger UI carry one
        // inline <style>: without 'unsafe-inline' they render unstyled. Scripts stay strict.
        const string styles = "style-src 'self' 'unsafe-inline'";
        var frames = signIn.Count == 0 ? "" : $"frame-src {string.Join(' ', signIn)}; ";
        var page = $"default-src 'none'; {styles}; img-src 'self' data:; font-src 'self'; connect-src {connect}; {frames}base-uri 'none'; form-action 'self'";
        return new Dictionary<AnswerKind, string>
        {
            [AnswerKind.Api] = "default-src 'none'; frame-ancestors 'none'",
            [AnswerKind.TaskPane] = $"{page}; script-src 'self' {OfficeJsOrigin}; frame-ancestors {string.Join(' ', OutlookHosts)}",
            [AnswerKind.TryPane] = $"{page}; script-src 'self' {OfficeJsOrigin}; frame-ancestors 'self'",
            [AnswerKind.Try] = $"default-src 'none'; {styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; "
                + "script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            [AnswerKind.Dashboard] = $"{page}; script-src 'self'; frame-ancestors 'none'",
            [AnswerKind.Swagger] = $"default-src 'none'; script-src 'self'; {styles}; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        };
    }
}
