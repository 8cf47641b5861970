using LeadMail.Api.Auth;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Addin;

/// <summary>What the task pane needs to sign in, served as /addin/config.json so one API setting drives both.</summary>
public sealed record AddinConfig(string AuthMode, string? ClientId, string? Authority, IReadOnlyList<string> Scopes);

/// <summary>
/// Serves the Outlook task pane and the managers' dashboard (built by addin/ into wwwroot/addin) from the API's own origin, so one
/// HTTPS host answers both the manifest's URLs and the pane's API calls. Everything under /addin is
/// anonymous: the files carry no data, and every API call the pane makes carries the bearer token.
/// </summary>
public static class AddinHosting
{
    public const string PathPrefix = "/addin";
    public const string TaskPane = "taskpane.html";

    /// <summary>The managers' dashboard: built beside the pane (addin/dashboard.html), opened at /dashboard.</summary>
    public const string DashboardPath = "/dashboard";
    public const string DashboardPage = "dashboard.html";

    /// <summary>The host and the client id as manifest.xml in the repository has them, for local sideloading.</summary>
    public const string ManifestHost = "localhost:5443";
    public const string ManifestClientId = "00000000-0000-0000-0000-000000000000";

    /// <summary>Branches /addin off the pipeline ahead of authentication; call it before UseAuthentication.</summary>
    public static WebApplication UseLeadMailAddin(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, "wwwroot", "addin");
        // The build writes here (git-ignored); a host without a built pane still starts and says so on /addin/taskpane.html.
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        var config = ConfigFor(app);
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        app.Map(PathPrefix, pane =>
        {
            pane.Use(async (context, next) =>
            {
                var path = context.Request.Path.Value ?? "";
                if (path is "" or "/")
                {
                    context.Response.Redirect($"{context.Request.PathBase}/{TaskPane}");
                    return;
                }
                if (path == "/config.json" && HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.Headers.CacheControl = "no-cache";
                    await context.Response.WriteAsJsonAsync(config, json, context.RequestAborted);
                    return;
                }
                if (path == "/manifest.xml" && HttpMethods.IsGet(context.Request.Method))
                {
                    await WriteManifestAsync(context, app.Configuration, config);
                    return;
                }
                if (path == "/" + TaskPane && !files.GetFileInfo(TaskPane).Exists)
                {
                    await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The task pane is not built",
                        detail: "Build the API (dotnet build api/LeadMail.Api builds addin/), or run `npm ci && npm run build` in addin/.")
                        .ExecuteAsync(context);
                    return;
                }
                await next(context);
            });
            pane.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = file => SetCaching(file.Context.Response, file.Context.Request.Path),
            });
            // Anything else under /addin is a plain 404 (a ProblemDetails via status code pages), never a 401.
            pane.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        // The dashboard's page at a short address; its scripts and styles are the ones under /addin/assets.
        // Anonymous like the pane: the page carries no data, every report it shows is a bearer-token API call.
        app.Map(DashboardPath, dashboard => dashboard.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            var page = files.GetFileInfo(DashboardPage);
            if (path is not ("" or "/") || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!page.Exists)
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The dashboard is not built",
                    detail: "Build the API (dotnet build api/LeadMail.Api builds addin/), or run `npm ci && npm run build` in addin/.")
                    .ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.ContentLength = page.Length;
                return;
            }
            await context.Response.SendFileAsync(page, context.RequestAborted);
        }));
        app.MapTryPage(files);
        return app;
    }

    /// <summary>
    /// The repository's manifest.xml with this deployment's origin and Entra client id in place of the local
    /// ones, so an admin deploys exactly what this host serves. The origin is Addin:PublicOrigin, else the request's.
    /// </summary>
    private static async Task WriteManifestAsync(HttpContext context, IConfiguration configuration, AddinConfig config)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "manifest.xml");
        if (!File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var origin = Blank(configuration["Addin:PublicOrigin"])?.TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}";
        var host = new Uri(origin).Authority;
        var manifest = (await File.ReadAllTextAsync(file, context.RequestAborted))
            .Replace("https://" + ManifestHost, origin, StringComparison.Ordinal)
            .Replace(ManifestHost, host, StringComparison.Ordinal);
        if (config.ClientId is { } clientId) manifest = manifest.Replace(ManifestClientId, clientId, StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync(manifest, context.RequestAborted);
    }

    /// <summary>
    /// Hashed bundles never change under their name: cached for a year. The page and the icons keep
    /// their names across releases: the page revalidates on every open, icons after a day.
    /// </summary>
    private static void SetCaching(HttpResponse response, PathString path)
    {
        var headers = response.GetTypedHeaders();
        if (path.StartsWithSegments("/assets"))
            headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } };
        else if (path.Value?.EndsWith(".html", StringComparison.OrdinalIgnoreCase) == true)
            headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        else
            headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(1) };
    }

    private static AddinConfig ConfigFor(WebApplication app)
    {
        var config = ConfigFor(app.Configuration, app.Services.GetRequiredService<AuthModeInUse>().Mode);
        if (config.AuthMode == "entraId" && (config.ClientId is null || config.Scopes.Count == 0))
        {
            app.Logger.LogWarning("Auth:Mode is EntraId but the add-in's sign-in is not configured: set Addin:ClientId and Addin:Scope (or AzureAd:ClientId).");
        }
        return config;
    }

    /// <summary>
    /// Addin:ClientId / Addin:Authority / Addin:Scope, defaulting to the API's own Entra registration
    /// (AzureAd:*), whose SPA platform carries the brk-multihub:// redirect for nested app authentication.
    /// </summary>
    public static AddinConfig ConfigFor(IConfiguration c, AuthMode mode)
    {
        if (mode == AuthMode.Local) return new AddinConfig("local", null, null, []);

        var clientId = Blank(c["Addin:ClientId"]) ?? Blank(c["AzureAd:ClientId"]);
        var instance = (Blank(c["AzureAd:Instance"]) ?? "https://login.microsoftonline.com/").TrimEnd('/');
        var authority = Blank(c["Addin:Authority"]) ?? $"{instance}/{Blank(c["AzureAd:TenantId"]) ?? "organizations"}";
        var audience = Blank(c["AzureAd:Audience"]) ?? (clientId is null ? null : $"api://{clientId}");
        var scope = Blank(c["Addin:Scope"]) ?? (audience is null ? null : $"{audience}/access_as_user");
        return new AddinConfig("entraId", clientId, authority, scope is null ? [] : [scope]);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
