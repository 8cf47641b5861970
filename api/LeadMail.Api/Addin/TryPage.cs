using Microsoft.Extensions.FileProviders;

namespace LeadMail.Api.Addin;

/// <summary>
/// /try: the real task pane in a frame beside a simulated mailbox, with an Office stand-in, so LeadMail can be tried
/// without Outlook. Served in Development and wherever Demo:Enabled is true; a plain 404 everywhere else.
/// </summary>
public static class TryPage
{
    public const string Path = "/try";
    public const string Page = "try.html";

    /// <summary>
    /// The pane's own page (taskpane.html, unchanged) at an address of its own, so that only here may this origin frame
    /// it; /addin/taskpane.html stays framed by Outlook alone.
    /// </summary>
    public const string PanePath = Path + "/pane";

    public static bool IsEnabled(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Enabled");

    public static void MapTryPage(this WebApplication app, IFileProvider files)
    {
        var enabled = IsEnabled(app.Environment, app.Configuration);
        app.Map(Path, page => page.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            var file = files.GetFileInfo(path == "/pane" ? AddinHosting.TaskPane : Page);
            var head = HttpMethods.IsHead(context.Request.Method);
            if (!enabled || path is not ("" or "/" or "/pane") || !(HttpMethods.IsGet(context.Request.Method) || head))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!file.Exists)
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The try page is not built",
                    detail: "Build the API (dotnet build api/LeadMail.Api builds addin/), or run `npm ci && npm run build` in addin/.")
                    .ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            // HEAD: the pane opened outside Outlook asks whether there is a try page to link to.
            if (head)
            {
                context.Response.ContentLength = file.Length;
                return;
            }
            await context.Response.SendFileAsync(file, context.RequestAborted);
        }));
    }
}
