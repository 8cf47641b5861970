using System.Net.Http.Json;
using System.Text.Json;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMail.Reports.Tests;

/// <summary>
/// The shared <see cref="LeadMailHost"/> for the report suite, in the Testing environment with migrations on start.
/// The clock is fixed at the real start time to make "stale for 30 days" exact.
/// </summary>
public sealed class ReportHost : LeadMailHost
{
    public ReportHost() : base(settings: new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "true" })
    {
        EnvironmentName = "Testing";
    }

    public async Task<T> GetJsonAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    /// <summary>Runs work against the host's own database in a scope of its services.</summary>
    public Task WithDbAsync(Func<LeadMailDb, IServiceProvider, Task> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<LeadMailDb>(), sp));

    /// <summary>Reads something straight from the host's database (the test's own view of the rows).</summary>
    public Task<T> WithDbAsync<T>(Func<LeadMailDb, T> read) =>
        InScopeAsync(sp => Task.FromResult(read(sp.GetRequiredService<LeadMailDb>())));

    /// <summary>Adds reps before their first sign-in, as a manager would; their tokens later resolve to these rows by email.</summary>
    public async Task<IReadOnlyList<Rep>> AddRepsAsync(params (string Email, string Name, bool Manager)[] people)
    {
        var reps = people.Select(p => new Rep
        {
            Email = p.Email,
            DisplayName = p.Name,
            Role = p.Manager ? RepRole.Manager : RepRole.Rep,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
            UpdatedAt = Clock.GetUtcNow().UtcDateTime,
        }).ToList();
        await WithDbAsync(async (db, _) =>
        {
            db.Reps.AddRange(reps);
            await db.SaveChangesAsync();
        });
        return reps;
    }

    /// <summary>Adds a lead through the real intake path, with the intake's clock at the moment it was created.</summary>
    public async Task<Contact> AddLeadAsync(Contact contact, DateTime createdAtUtc)
    {
        Contact added = null!;
        await WithDbAsync(async (db, _) => added = await new LeadIntake(db, new FakeTimeProvider(new DateTimeOffset(createdAtUtc, TimeSpan.Zero))).AddAsync(contact, default));
        return added;
    }

    /// <summary>Bulk contacts with past creation times: plain inserts, as an import would leave them.</summary>
    public async Task AddContactsAsync(IEnumerable<Contact> contacts)
    {
        await WithDbAsync(async (db, _) =>
        {
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Touches through the one ingest path, which also keeps each contact's counters (touches before connect).</summary>
    public async Task RecordTouchesAsync(IReadOnlyList<Touch> touches)
    {
        await WithDbAsync(async (_, services) => await services.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Keep, default));
    }
}
