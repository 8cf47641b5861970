using LeadMail.Api.Addin;
using LeadMail.Api.Auth;
using LeadMail.Api.Extensions;
using LeadMail.Api.Web;
using LeadMail.Core.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = LocalRun.DefaultEnvironment(args) });

if (args is ["token", ..]) return TokenCommand.Run(args, builder);

builder.AddLeadMailApi();

var app = builder.Build();

// Order matters: security headers go on every answer, errors included; the exception handler wraps everything
// after it; the pane's files and the API's description are served before authentication.
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseLeadMailAddin();
app.UseLeadMailOpenApi();
app.UseAuthentication();
app.UseAuthorization();

app.MapLeadMailApi();

app.Run();
return 0;

/// <summary>The API host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
