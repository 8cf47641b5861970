using System.Net.Http.Json;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Reps;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// The shared <see cref="LeadMailHost"/> for the workflow suite (one per test class): its clock starts at 09:00
/// today so tests can reason about days, and every host recalculates scores on start.
/// </summary>
public sealed class WorkflowHost : LeadMailHost
{
    public WorkflowHost() : this(new Dictionary<string, string>())
    {
    }

    /// <param name="settings">Configuration on top of the test defaults, e.g. a cadence of one's own.</param>
    /// <param name="databasePath">Another host's database, to start the API again on it (a restart with new settings).</param>
    internal WorkflowHost(IReadOnlyDictionary<string, string> settings, string? databasePath = null)
        : base(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero), WithDefaults(settings), databasePath)
    {
    }

    private static Dictionary<string, string?> WithDefaults(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string?> { ["Scoring:RecalculateEvery"] = "00:00:00" };
        foreach (var (key, value) in settings) all[key] = value;
        return all;
    }

    public HttpClient As(string email, bool manager = false) => ClientFor(email, manager);

    /// <summary>A signed-in rep (created on first call) and their id.</summary>
    public async Task<(HttpClient Client, int RepId)> RepAsync(string name, bool manager = false)
    {
        var client = As($"{name}-{Guid.NewGuid():N}@contoso.com", manager);
        var me = await client.GetFromJsonAsync<RepDto>("/api/me", ApiJson.Options);
        return (client, me!.Id);
    }

    public async Task<ContactDto> CreateContactAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/contacts", body, ApiJson.Options);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ContactDto>(ApiJson.Options))!;
    }

    public async Task<ContactDto> GetContactAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<ContactDto>($"/api/contacts/{id}", ApiJson.Options))!;

    /// <summary>Logs a touch by hand through the API, as the add-in does; expects it created.</summary>
    public static async Task<InteractionDto> LogAsync(HttpClient client, int contactId, object touch) =>
        await Expect.JsonAsync<InteractionDto>(await client.PostAsJsonAsync($"/api/contacts/{contactId}/interactions", touch, ApiJson.Options), System.Net.HttpStatusCode.Created);

    /// <summary>Records touches the way the sync worker does: through the one ingest path.</summary>
    public Task<IReadOnlyList<RecordedTouch>> IngestAsync(params Touch[] touches) =>
        InScopeAsync(sp => sp.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Update, CancellationToken.None));

    public Task<T> WithDbAsync<T>(Func<LeadMailDb, Task<T>> read) =>
        InScopeAsync(sp => read(sp.GetRequiredService<LeadMailDb>()));

    public static string NewEmail(string name = "lead") => $"{name}-{Guid.NewGuid():N}@example.com";
}

public static class Expect
{
    /// <summary>Asserts the status, showing the body when it differs (a ProblemDetails says why).</summary>
    public static async Task StatusAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        await StatusAsync(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<T> JsonAsync<T>(HttpResponseMessage response, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        await StatusAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }
}
