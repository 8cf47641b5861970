using LeadMail.Api.Assignment;
using LeadMail.Api.Auth;
using LeadMail.Api.Consent;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.HandOvers;
using LeadMail.Api.Imports;
using LeadMail.Api.Interactions;
using LeadMail.Api.Lookup;
using LeadMail.Api.Pipeline;
using LeadMail.Api.Reports;
using LeadMail.Api.Reps;
using LeadMail.Api.Scoring;
using LeadMail.Api.Sync;
using LeadMail.Api.Today;
using LeadMail.Api.Web;
using LeadMail.Core.Persistence;

namespace LeadMail.Api.Extensions;

/// <summary>The API's composition in one place: what it registers, and every route it maps.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddLeadMailApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddLeadMailDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        builder.AddLeadMailAuth();
        services.AddAutoMapper(cfg => cfg.LicenseKey = builder.Configuration["AutoMapper:LicenseKey"], typeof(Program));
        services.AddWebConventions();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddLeadMailOpenApi();
        services.AddScoreUpkeep();
        services.AddReports();
        services.AddContactLookup();
        services.AddImports(builder.Configuration);
        services.AddScoped<LeadMail.Core.Sync.MailboxNudges>();
        return builder;
    }

    public static WebApplication MapLeadMailApi(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();

        var api = app.MapGroup("/api").WithProblemContentType();
        api.MapGroup("/contacts").MapContactEndpoints().MapContactLookupEndpoints().MapInteractionEndpoints();
        api.MapGroup("/reps").MapRepEndpoints();
        api.MapGroup("/me").MapMeEndpoint();
        api.MapPipelineEndpoints();
        api.MapFollowUpEndpoints();
        api.MapScoreEndpoints();
        api.MapAssignmentEndpoints();
        api.MapConsentEndpoints();
        api.MapTouchRevisionEndpoints();
        api.MapTouchChannelEndpoints();
        api.MapGroup("/reports").MapReportEndpoints();
        api.MapGroup("/sync").MapSyncEndpoints().MapNotificationEndpoints();
        api.MapGroup("/imports").MapImportEndpoints();
        api.MapContactMergeEndpoints();
        api.MapHandOverEndpoints();
        api.MapTodayEndpoints();
        api.MapDevSignIn();
        return app;
    }
}
