using LeadMail.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadMail.Api.Web;

/// <summary>Healthy when the lead database answers.</summary>
internal sealed class DatabaseHealthCheck(LeadMailDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The lead database does not answer.");
}
