using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Sync;

/// <summary>The managers' view of the mailbox sync, over real HTTP, real JWT validation and a real SQLite file.</summary>
public sealed class SyncStatusEndpointTests : IAsyncLifetime
{
    private readonly LeadMailHost api = new();

    public async Task InitializeAsync()
    {
        _ = api.Server;

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var now = api.Clock.UtcNow;
        var rep = new Rep { Email = "dana@contoso.com", DisplayName = "Dana", SyncEnabled = true, CreatedAt = now, UpdatedAt = now };
        db.Reps.Add(rep);
        await db.SaveChangesAsync();
        db.MailboxSyncs.AddRange(
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Inbox, Status = MailboxSyncStatus.Synced, ItemsSynced = 420, TouchesRecorded = 37, LastSuccessAt = now.AddMinutes(-2), BackfillCompletedAt = now.AddDays(-1) },
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Calendar, Status = MailboxSyncStatus.Error, ConsecutiveFailures = 3, LastError = "Graph 403 ErrorAccessDenied: Access is denied." });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
    }

    private HttpClient ClientFor(string email, bool manager) => api.ClientFor(email, manager);

    [Fact]
    public async Task A_manager_sees_each_streams_progress_and_errors()
    {
        var response = await ClientFor("mo@contoso.com", manager: true).GetAsync("/api/sync/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, status.GetProperty("streamsInError").GetInt32());
        var mailbox = Assert.Single(status.GetProperty("items").EnumerateArray());
        Assert.Equal("dana@contoso.com", mailbox.GetProperty("email").GetString());
        var streams = mailbox.GetProperty("streams").EnumerateArray().ToList();
        var inbox = streams.Single(s => s.GetProperty("stream").GetString() == "inbox");
        Assert.Equal(420, inbox.GetProperty("itemsSynced").GetInt64());
        Assert.Equal(37, inbox.GetProperty("touchesRecorded").GetInt64());
        Assert.InRange(inbox.GetProperty("lagSeconds").GetInt64(), 60, 3600);
        var calendar = streams.Single(s => s.GetProperty("stream").GetString() == "calendar");
        Assert.Equal("error", calendar.GetProperty("status").GetString());
        Assert.Contains("Access is denied", calendar.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_rep_is_forbidden()
    {
        var response = await ClientFor("dana@contoso.com", manager: false).GetAsync("/api/sync/status");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_it_is_unauthorized()
    {
        var response = await api.CreateClient().GetAsync("/api/sync/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
