using System.Net;
using LeadMail.Api.Auth;
using LeadMail.Api.Reps;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Reps;

public sealed class RepTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private Task<int> RepsWithEmailAsync(string email) =>
        api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().Reps.CountAsync(r => r.Email == email));

    [Fact]
    public async Task Me_creates_the_rep_on_the_first_call_and_finds_them_afterwards()
    {
        const string email = "reps.first@contoso.com";
        Assert.Equal(0, await RepsWithEmailAsync(email));
        using var client = api.ClientFor("Reps.First@Contoso.com", displayName: "Frieda First");

        var first = await client.MeAsync();
        var second = await client.MeAsync();

        Assert.Equal(email, first.Email);
        Assert.Equal("Frieda First", first.DisplayName);
        Assert.Equal(RepRole.Rep, first.Role);
        Assert.True(first.Active);
        Assert.False(first.SyncEnabled);
        Assert.Equal(LocalTokenIssuer.ObjectIdFor(email), first.EntraObjectId);
        Assert.Equal(api.Clock.UtcNow, first.CreatedAt);
        HttpJson.SameJson(first, second);
        Assert.Equal(1, await RepsWithEmailAsync(email));
    }

    [Fact]
    public async Task The_first_calls_of_a_new_rep_racing_create_one_rep()
    {
        const string email = "reps.race@contoso.com";
        using var client = api.ClientFor(email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync("/api/me")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await RepsWithEmailAsync(email));
    }

    [Fact]
    public async Task A_manager_token_makes_a_manager()
    {
        using var client = api.ClientFor("reps.boss@contoso.com", manager: true);
        Assert.Equal(RepRole.Manager, (await client.MeAsync()).Role);
    }

    [Fact]
    public async Task The_token_decides_the_role_when_it_changes()
    {
        const string email = "reps.promoted@contoso.com";
        using var asRep = api.ClientFor(email);
        var before = await asRep.MeAsync();
        using var asManager = api.ClientFor(email, manager: true);

        var after = await asManager.MeAsync();

        Assert.Equal(before.Id, after.Id);
        Assert.Equal((RepRole.Rep, RepRole.Manager), (before.Role, after.Role));
    }

    [Fact]
    public async Task A_rep_added_by_a_manager_is_the_same_rep_at_their_first_sign_in()
    {
        using var manager = api.ManagerClient();
        var added = await (await manager.PostJsonAsync("/api/reps", new { email = "Reps.Added@Contoso.com", displayName = "Ada Added", syncEnabled = true }))
            .ReadAsync<RepDto>(HttpStatusCode.Created);
        Assert.Null(added.EntraObjectId);

        using var client = api.ClientFor("reps.added@contoso.com");
        var me = await client.MeAsync();

        Assert.Equal(added.Id, me.Id);
        Assert.Equal(LocalTokenIssuer.ObjectIdFor("reps.added@contoso.com"), me.EntraObjectId);
        Assert.True(me.SyncEnabled);
        Assert.Equal(1, await RepsWithEmailAsync("reps.added@contoso.com"));
    }

    [Fact]
    public async Task A_manager_adds_a_rep_with_201_and_location()
    {
        using var manager = api.ManagerClient();
        var objectId = Guid.NewGuid().ToString();

        var response = await manager.PostJsonAsync("/api/reps",
            new { email = "reps.new@contoso.com", displayName = "Nina New", entraObjectId = objectId, role = "manager", syncEnabled = true });

        var rep = await response.ReadAsync<RepDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/reps/{rep.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(RepRole.Manager, rep.Role);
        Assert.True(rep.Active);
        Assert.True(rep.SyncEnabled);
        Assert.Equal(objectId, rep.EntraObjectId);
        HttpJson.SameJson(rep, await (await manager.GetAsync(response.Headers.Location)).ReadAsync<RepDto>());
        Assert.Contains((await (await manager.GetAsync("/api/reps")).ReadAsync<List<RepDto>>()), r => r.Id == rep.Id);
    }

    [Fact]
    public async Task Reps_can_list_reps_but_not_add_or_change_them()
    {
        using var rep = api.ClientFor("reps.plain@contoso.com");
        var me = await rep.MeAsync();

        await (await rep.GetAsync("/api/reps")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostJsonAsync("/api/reps", new { email = "reps.sneak@contoso.com", displayName = "Sneak" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PatchJsonAsync($"/api/reps/{me.Id}", new { role = "manager" })).StatusCode);
        Assert.Equal(0, await RepsWithEmailAsync("reps.sneak@contoso.com"));
        Assert.Equal(RepRole.Rep, (await rep.MeAsync()).Role);
    }

    public static TheoryData<string, string> InvalidReps => new()
    {
        { """{"displayName":"No Email"}""", "email" },
        { """{"email":"not-an-address","displayName":"X"}""", "email" },
        { """{"email":"reps.noname@contoso.com"}""", "displayName" },
        { """{"email":"reps.blank@contoso.com","displayName":"   "}""", "displayName" },
        { """{"email":"reps.long@contoso.com","displayName":"%201"}""", "displayName" },
        { """{"email":"reps.oid@contoso.com","displayName":"X","entraObjectId":"not-a-guid"}""", "entraObjectId" },
        { """{"email":"reps.role@contoso.com","displayName":"X","role":"admin"}""", "role" },
        { """{"email":"reps.field@contoso.com","displayName":"X","team":"north"}""", "team" },
        { """{"email":"reps.bool@contoso.com","displayName":"X","active":"yes"}""", "active" },
    };

    [Theory]
    [MemberData(nameof(InvalidReps))]
    public async Task Adding_an_invalid_rep_is_400_naming_the_field(string json, string field)
    {
        using var manager = api.ManagerClient();

        await (await manager.PostAsync("/api/reps", HttpJson.Raw(json))).FieldErrorAsync(field);
    }

    [Fact]
    public async Task Adding_a_rep_with_a_known_email_is_409()
    {
        using var manager = api.ManagerClient();
        await (await manager.PostJsonAsync("/api/reps", new { email = "reps.twice@contoso.com", displayName = "Once" })).ExpectAsync(HttpStatusCode.Created);

        var response = await manager.PostJsonAsync("/api/reps", new { email = " REPS.Twice@contoso.com ", displayName = "Twice" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.Equal(1, await RepsWithEmailAsync("reps.twice@contoso.com"));
    }

    [Fact]
    public async Task Racing_adds_of_one_email_make_one_rep_and_409s()
    {
        using var manager = api.ManagerClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            manager.PostJsonAsync("/api/reps", new { email = "reps.racing@contoso.com", displayName = $"Racer {i}" })));

        Assert.Equal([201, 409, 409, 409], responses.Select(r => (int)r.StatusCode).Order());
        Assert.Equal(1, await RepsWithEmailAsync("reps.racing@contoso.com"));
    }

    [Fact]
    public async Task Adding_a_rep_with_a_known_object_id_is_409()
    {
        using var manager = api.ManagerClient();
        var objectId = Guid.NewGuid().ToString();
        await (await manager.PostJsonAsync("/api/reps", new { email = "reps.oid1@contoso.com", displayName = "One", entraObjectId = objectId })).ExpectAsync(HttpStatusCode.Created);

        var response = await manager.PostJsonAsync("/api/reps", new { email = "reps.oid2@contoso.com", displayName = "Two", entraObjectId = objectId });

        Assert.Equal("entraObjectId", (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_manager_changes_a_rep_with_a_merge_patch()
    {
        using var manager = api.ManagerClient();
        var rep = await (await manager.PostJsonAsync("/api/reps", new { email = "reps.patch@contoso.com", displayName = "Pat Before" })).ReadAsync<RepDto>(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromMinutes(1));

        var patched = await (await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { displayName = "Pat After", syncEnabled = true })).ReadAsync<RepDto>();

        Assert.Equal("Pat After", patched.DisplayName);
        Assert.True(patched.SyncEnabled);
        Assert.Equal(rep.Email, patched.Email);
        Assert.Equal(rep.CreatedAt, patched.CreatedAt);
        Assert.Equal(api.Clock.UtcNow, patched.UpdatedAt);
        HttpJson.SameJson(patched, await (await manager.GetAsync($"/api/reps/{rep.Id}")).ReadAsync<RepDto>());
    }

    [Fact]
    public async Task Patching_a_rep_validates_like_adding_one()
    {
        using var manager = api.ManagerClient();
        var rep = await (await manager.PostJsonAsync("/api/reps", new { email = "reps.patchbad@contoso.com", displayName = "Valid" })).ReadAsync<RepDto>(HttpStatusCode.Created);
        await (await manager.PostJsonAsync("/api/reps", new { email = "reps.taken@contoso.com", displayName = "Taken" })).ExpectAsync(HttpStatusCode.Created);

        await (await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { email = "nope" })).FieldErrorAsync("email");
        await (await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { displayName = (string?)null })).FieldErrorAsync("displayName");
        await (await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { role = "owner" })).FieldErrorAsync("role");
        await (await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { nickname = "V" })).FieldErrorAsync("nickname");
        var conflict = await manager.PatchJsonAsync($"/api/reps/{rep.Id}", new { email = "Reps.Taken@contoso.com" });
        Assert.Equal("email", (await conflict.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("field").GetString());
        await (await manager.PatchJsonAsync("/api/reps/777777", new { displayName = "Ghost" })).ProblemAsync(HttpStatusCode.NotFound);

        HttpJson.SameJson(rep, await (await manager.GetAsync($"/api/reps/{rep.Id}")).ReadAsync<RepDto>());
    }

    [Fact]
    public async Task A_deactivated_rep_gets_403_at_once_and_is_let_back_in_when_reactivated()
    {
        using var rep = api.ClientFor("reps.leaver@contoso.com");
        var me = await rep.MeAsync();
        await (await rep.GetAsync("/api/contacts")).ExpectAsync(HttpStatusCode.OK);
        using var manager = api.ManagerClient();

        await (await manager.PatchJsonAsync($"/api/reps/{me.Id}", new { active = false })).ExpectAsync(HttpStatusCode.OK);

        await (await rep.GetAsync("/api/contacts")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rep.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rep.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Late" }))).ProblemAsync(HttpStatusCode.Forbidden);

        await (await manager.PatchJsonAsync($"/api/reps/{me.Id}", new { active = true })).ExpectAsync(HttpStatusCode.OK);
        await (await rep.GetAsync("/api/contacts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_rep_cannot_be_given_leads()
    {
        using var manager = api.ManagerClient();
        var rep = await (await manager.PostJsonAsync("/api/reps", new { email = "reps.inactive@contoso.com", displayName = "Gone", active = false }))
            .ReadAsync<RepDto>(HttpStatusCode.Created);

        await (await manager.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Lead", ownerId = rep.Id }))).FieldErrorAsync("ownerId");
    }
}
