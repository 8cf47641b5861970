using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Persistence;

/// <summary>SQLite's planner gets its statistics when the API starts on a file, so team-wide counts read the covering indexes.</summary>
public sealed class PlannerStatisticsTests : IAsyncLifetime
{
    private readonly LeadMailHost api = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_started_api_has_gathered_the_planners_statistics()
    {
        using var rep = api.ClientFor("statistics.rep@contoso.com");
        Assert.True((await rep.GetAsync("/health")).IsSuccessStatusCode);

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.Contains("sqlite_stat1", tables);
    }
}
