using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;
using LeadMail.Core.Reps;

namespace LeadMail.Reports.Tests;

/// <summary>A handful of contacts built to have exactly the problems the report looks for.</summary>
public sealed class DatabaseHealthTests : IAsyncLifetime
{
    private readonly ReportHost _host = new();
    private HttpClient _manager = null!;
    private Rep _alice = null!;
    private readonly Dictionary<string, int> _ids = [];

    public async Task InitializeAsync()
    {
        var reps = await _host.AddRepsAsync(("mia@contoso.com", "Mia Manager", true), ("alice@contoso.com", "Alice Adams", false));
        _alice = reps[1];
        _manager = _host.ClientFor("mia@contoso.com", manager: true);
        var now = _host.Clock.GetUtcNow().UtcDateTime;

        await Add("ann", now.AddDays(-60), new Contact { FirstName = "Ann", LastName = "Lee", Company = "Contoso", Phone = "+49 89 123-456", Source = "web", Emails = [new() { Address = "ann@contoso.com" }] });
        await Add("ann again", now.AddDays(-10), new Contact { FirstName = " ANN", LastName = "Lee ", Company = "contoso", Phone = "+4989123456", OwnerId = _alice.Id });
        await Add("won", now.AddDays(-100), new Contact { FirstName = "Bob", LastName = "Stone", Source = "fair", Stage = Stage.Won, Emails = [new() { Address = "bob@stone.example" }] });
        await Add("touched 31 days ago", now.AddDays(-90), new Contact { FirstName = "Cid", LastName = "Moss", MobilePhone = "+1 555 0100", Source = "fair", Stage = Stage.Proposal, OwnerId = _alice.Id, Emails = [new() { Address = "cid@moss.example" }] });
        await Add("touched 29 days ago", now.AddDays(-90), new Contact { FirstName = "Dee", LastName = "Park", Phone = "030 1234", Source = "web", Emails = [new() { Address = "dee@park.example" }] });
        await Add("nurture", now.AddDays(-100), new Contact { FirstName = "Eve", LastName = "Ross", Phone = "(555) 0199", Source = "web", Stage = Stage.Nurture, Emails = [new() { Address = "eve@ross.example" }] });
        await Add("same phone", now.AddDays(-1), new Contact { FirstName = "Fay", LastName = "Ito", Phone = "555.0199", Source = "web", Emails = [new() { Address = "fay@ito.example" }] });
        await Add("same name other company", now.AddDays(-1), new Contact { FirstName = "Ann", LastName = "Lee", Company = "Fabrikam", Phone = "+44 20 7946 0000", Source = "web", Emails = [new() { Address = "ann@fabrikam.example" }] });

        await _host.RecordTouchesAsync(
        [
            new Touch(_ids["touched 31 days ago"], _alice.Id, Channel.Call, Direction.Outbound, now.AddDays(-31), "h1", Origin.Addin, Outcome.NoAnswer),
            new Touch(_ids["touched 29 days ago"], _alice.Id, Channel.Email, Direction.Outbound, now.AddDays(-29), "h2", Origin.Sync),
        ]);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Counts_contacts_missing_email_phone_and_source()
    {
        var health = (await Get("")).Data;

        Assert.Equal(8, health.Contacts);
        Assert.Equal(1, health.MissingEmail); // "ann again"
        Assert.Equal(1, health.MissingPhone); // "won": no phone and no mobile
        Assert.Equal(1, health.MissingSource); // "ann again"
    }

    [Fact]
    public async Task Finds_duplicates_by_normalised_name_and_company_and_by_phone_without_punctuation()
    {
        var health = (await Get("")).Data;

        Assert.Equal((1, 2), (health.DuplicateNameGroups, health.DuplicateNameContacts));
        Assert.Equal((2, 4), (health.DuplicatePhoneGroups, health.DuplicatePhoneContacts));
        var name = Assert.Single(health.Duplicates, d => d.Kind == "name");
        Assert.Equal("ann lee | contoso", name.Match);
        Assert.Equal([_ids["ann"], _ids["ann again"]], name.ContactIds);
        Assert.Contains(health.Duplicates, d => d.Kind == "phone" && d.Match == "+4989123456" && d.ContactIds.SequenceEqual([_ids["ann"], _ids["ann again"]]));
        Assert.Contains(health.Duplicates, d => d.Kind == "phone" && d.Match == "5550199" && d.ContactIds.SequenceEqual([_ids["nurture"], _ids["same phone"]]));
    }

    [Fact]
    public async Task Stale_open_leads_are_those_untouched_for_the_given_days_excluding_won_lost_and_nurture()
    {
        var byDefault = (await Get("")).Data;
        var twenty = (await Get("?staleDays=20")).Data;

        // 30 days: "ann" (created 60 days ago, never touched) and "touched 31 days ago".
        Assert.Equal((2, 30), (byDefault.StaleOpenLeads, byDefault.StaleDays));
        // 20 days adds "touched 29 days ago"; "won" and "nurture" never count.
        Assert.Equal((3, 20), (twenty.StaleOpenLeads, twenty.StaleDays));
    }

    [Fact]
    public async Task Consent_violations_count_the_touches_the_workflow_flagged()
    {
        // An email synced to a contact who asked for none: recorded (it happened) and flagged by the ingest path.
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var before = (await Get("")).Data.ConsentViolations;
        var blocked = await _host.AddLeadAsync(new Contact { FirstName = "Gil", DoNotEmail = true, OwnerId = _alice.Id, Emails = [new() { Address = "gil@blocked.example" }] }, now.AddDays(-5));
        await _host.RecordTouchesAsync(
        [
            new Touch(blocked.Id, _alice.Id, Channel.Email, Direction.Outbound, now.AddDays(-2), "v1", Origin.Sync),
            new Touch(blocked.Id, _alice.Id, Channel.Email, Direction.Outbound, now.AddDays(-1), "v2", Origin.Sync),
            new Touch(blocked.Id, _alice.Id, Channel.Email, Direction.Inbound, now.AddHours(-1), "v3", Origin.Sync),
        ]);

        var flagged = await _host.WithDbAsync(db => db.Interactions.Count(i => i.ConsentViolation != null));
        var team = (await Get("")).Data;
        var alices = (await Get($"?owner={_alice.Id}")).Data;
        var unassigned = (await Get("?owner=unassigned")).Data;

        Assert.Equal(0, before);
        Assert.Equal(2, flagged);
        Assert.Equal(2, team.ConsentViolations);
        Assert.Equal(2, alices.ConsentViolations);
        Assert.Equal(0, unassigned.ConsentViolations);
        await _host.WithDbAsync(async (db, _) =>
        {
            db.Contacts.Remove(db.Contacts.Single(c => c.Id == blocked.Id));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Filters_narrow_every_figure()
    {
        var alices = (await Get($"?owner={_alice.Id}")).Data;
        var fair = (await Get("?source=fair")).Data;

        Assert.Equal((2, 1, 1, 0), (alices.Contacts, alices.MissingEmail, alices.StaleOpenLeads, alices.DuplicateNameGroups));
        Assert.Equal((2, 1, 1), (fair.Contacts, fair.MissingPhone, fair.StaleOpenLeads));
    }

    [Fact]
    public async Task The_duplicates_table_in_CSV_lists_each_group_with_its_contact_ids()
    {
        var rows = Rfc4180.Parse(await _manager.GetStringAsync("/api/reports/database-health?format=csv&table=duplicates"));

        Assert.Equal(["kind", "match", "contacts", "contactIds"], rows[0]);
        Assert.Equal(3 + 1, rows.Count);
        // A phone starting with "+" would be a formula in Excel: it is defused with an apostrophe.
        Assert.Contains(rows, r => r[0] == "phone" && r[1] == "'+4989123456" && r[3] == $"{_ids["ann"]} {_ids["ann again"]}");
    }

    private async Task Add(string name, DateTime createdAt, Contact contact) => _ids[name] = (await _host.AddLeadAsync(contact, createdAt)).Id;

    private Task<Report<DatabaseHealth>> Get(string query) => _host.GetJsonAsync<Report<DatabaseHealth>>(_manager, "/api/reports/database-health" + query);
}
