using AutoMapper;
using LeadMail.Api.Addin;
using LeadMail.Api.Assignment;
using LeadMail.Api.Auth;
using LeadMail.Api.Consent;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Imports;
using LeadMail.Api.Interactions;
using LeadMail.Api.Pipeline;
using LeadMail.Api.Reps;
using LeadMail.Api.Scoring;
using LeadMail.Api.Reports;
using LeadMail.Api.Sync;
using LeadMail.Api.Web;
using LeadMail.Core.Hosting;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.AspNetCore.Http.Json;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = LocalRun.DefaultEnvironment(args) });

if (args is ["token", ..]) return TokenCommand.Run(args, builder);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddLeadMailDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddLeadMailAuth();
builder.Services.AddAutoMapper(cfg => cfg.LicenseKey = builder.Configuration["AutoMapper:LicenseKey"], typeof(Program));
builder.Services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
// Bad query values and unreadable bodies become exceptions that Problems turns into field errors, in every environment.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<Problems>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddLeadMailOpenApi();
builder.Services.AddHostedService<ScoreDecayTimer>();
builder.Services.AddHostedService<ScoringRulesWatch>();
builder.Services.AddReports();
builder.Services.AddContactLookup();
builder.Services.AddImports(builder.Configuration);

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseLeadMailAddin();
app.UseLeadMailOpenApi();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();

var api = app.MapGroup("/api").WithProblemContentType();
api.MapGroup("/contacts").MapContactEndpoints().MapInteractionEndpoints();
api.MapGroup("/reps").MapRepEndpoints();
api.MapGroup("/me").MapMeEndpoint();
api.MapPipelineEndpoints();
api.MapFollowUpEndpoints();
api.MapScoreEndpoints();
api.MapAssignmentEndpoints();
api.MapConsentEndpoints();
api.MapTouchRevisionEndpoints();
api.MapGroup("/reports").MapReportEndpoints();
api.MapGroup("/sync").MapSyncEndpoints();
api.MapGroup("/imports").MapImportEndpoints();
api.MapDevSignIn();

app.Run();
return 0;

/// <summary>The API host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
