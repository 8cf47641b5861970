using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadMail.Api.Auth;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Sync;

/// <summary>Each stream's health in the sync status: folder streams with their backlog, and streams raised when failing repeatedly or silent for an hour.</summary>
public sealed class SyncStreamHealthTests : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"leadmail-synchealth-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> api = null!;

    public async Task InitializeAsync()
    {
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:LeadMail", $"Data Source={databasePath}");
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Auth:Mode", "Local");
            web.UseSetting("Auth:Local:SigningKey", signingKey);
        });
        _ = api.Server;

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var now = DateTime.UtcNow;
        var rep = new Rep { Email = "dana@contoso.com", DisplayName = "Dana", SyncEnabled = true, CreatedAt = now, UpdatedAt = now };
        db.Reps.Add(rep);
        await db.SaveChangesAsync();
        db.MailboxSyncs.AddRange(
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Inbox, Status = MailboxSyncStatus.Synced, LastSuccessAt = now.AddMinutes(-1), CreatedAt = now.AddDays(-2) },
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.SentItems, Status = MailboxSyncStatus.Error, ConsecutiveFailures = 4, LastError = "Graph 503: unavailable", LastSuccessAt = now.AddMinutes(-20) },
            // The calendar stopped quietly while mail goes on: no failure recorded, no success for two hours.
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Calendar, Status = MailboxSyncStatus.Synced, LastSuccessAt = now.AddHours(-2), LastCommitAt = now.AddHours(-2) },
            // A long backfill still committing pages is progressing, not silent.
            new MailboxSync
            {
                RepId = rep.Id, Stream = MailboxStream.MailFolder, FolderId = "archive-id", FolderName = "Archive", FolderItemCount = 500, ItemsSynced = 120,
                MidRound = true, CreatedAt = now.AddHours(-3), LastCommitAt = now.AddMinutes(-2),
            });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }) File.Delete(file);
    }

    [Fact]
    public async Task Each_stream_shows_its_folder_backlog_and_whether_it_is_raised()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Services.GetRequiredService<LocalTokenIssuer>().Mint("mo@contoso.com", true));

        var response = await client.GetAsync("/api/sync/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, status.GetProperty("streamsRaised").GetInt32());
        var streams = Assert.Single(status.GetProperty("items").EnumerateArray()).GetProperty("streams").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stream").GetString()!);
        Assert.False(streams["inbox"].GetProperty("raised").GetBoolean());
        Assert.True(streams["sentItems"].GetProperty("raised").GetBoolean());
        Assert.Contains("4 times in a row", streams["sentItems"].GetProperty("raisedReason").GetString());
        Assert.True(streams["calendar"].GetProperty("raised").GetBoolean());
        Assert.Contains("Has not succeeded for", streams["calendar"].GetProperty("raisedReason").GetString());
        var archive = streams["mailFolder"];
        Assert.Equal(("archive-id", "Archive"), (archive.GetProperty("folderId").GetString(), archive.GetProperty("folderName").GetString()));
        Assert.Equal(380, archive.GetProperty("backlogItems").GetInt64());
        Assert.True(archive.GetProperty("midRound").GetBoolean());
        Assert.False(archive.GetProperty("raised").GetBoolean());
    }
}
