using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Assignment;

public sealed record AssignmentServices(LeadMailDb Db, TimeProvider Clock, LeadRouting Routing);

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignmentEndpoints(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/assignment-rules").WithTags("Assignment").RequireAuthorization(AppRoles.ManagerPolicy);
        rules.MapGet("/", ListRules).WithName("ListAssignmentRules").WithSummary("The routing rules in the order they are tried (managers only).");
        rules.MapGet("/{ruleId:int}", GetRule).WithName("GetAssignmentRule").WithSummary("One routing rule (managers only).");
        rules.MapPost("/", CreateRule).WithName("CreateAssignmentRule").WithSummary("Add a routing rule (managers only).");
        rules.MapPut("/{ruleId:int}", ReplaceRule).WithName("ReplaceAssignmentRule").WithSummary("Replace a routing rule (managers only).");
        rules.MapPost("/preview", Preview).WithName("PreviewRouting")
            .WithSummary("Which rule and rep a lead with these fields would be routed to now; writes nothing and takes no group's turn (managers only).");
        rules.MapDelete("/{ruleId:int}", DeleteRule).WithName("DeleteAssignmentRule").WithSummary("Remove a routing rule (managers only).");

        var groups = api.MapGroup("/rep-groups").WithTags("Assignment").RequireAuthorization(AppRoles.ManagerPolicy);
        groups.MapGet("/", ListGroups).WithName("ListRepGroups").WithSummary("The round-robin groups (managers only).");
        groups.MapPut("/{name}", PutGroup).WithName("PutRepGroup").WithSummary("Create or replace a round-robin group's members, in rotation order (managers only).");

        var contact = api.MapGroup("/contacts/{id:int}").WithTags("Assignment");
        contact.MapPost("/assign", Assign).WithName("AssignContact")
            .WithSummary("Give the lead an owner (or the queue, with null), or let the rules route it again; audited.");
        contact.MapGet("/assignments", History).WithName("AssignmentHistory").WithSummary("Who owned the lead, by which rule or person, oldest first.");
        return api;
    }

    public static async Task<Ok<List<AssignmentRuleDto>>> ListRules([AsParameters] AssignmentServices services, CancellationToken ct) =>
        TypedResults.Ok((await services.Db.AssignmentRules.AsNoTracking().Include(r => r.RepGroup)
            .OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Ok<AssignmentRuleDto>, NotFound<ProblemDetails>>> GetRule(int ruleId, [AsParameters] AssignmentServices services, CancellationToken ct) =>
        await services.Db.AssignmentRules.AsNoTracking().Include(r => r.RepGroup).FirstOrDefaultAsync(r => r.Id == ruleId, ct) is { } rule
            ? TypedResults.Ok(ToDto(rule))
            : NotFoundRule();

    public static async Task<Results<Created<AssignmentRuleDto>, ValidationProblem>> CreateRule(
        AssignmentRuleWrite write, [AsParameters] AssignmentServices services, CancellationToken ct)
    {
        var (errors, groupId) = await ValidateAsync(write, services.Db, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        var now = services.Clock.GetUtcNow().UtcDateTime;
        var rule = new AssignmentRule { Name = "", CreatedAt = now };
        Apply(rule, write, groupId, now);
        rule.Position = write.Position ?? (await services.Db.AssignmentRules.MaxAsync(r => (int?)r.Position, ct) ?? 0) + 1;
        services.Db.AssignmentRules.Add(rule);
        await services.Db.SaveChangesAsync(ct);
        await services.Db.Entry(rule).Reference(r => r.RepGroup).LoadAsync(ct);
        return TypedResults.Created($"/api/assignment-rules/{rule.Id}", ToDto(rule));
    }

    public static async Task<Results<Ok<AssignmentRuleDto>, NotFound<ProblemDetails>, ValidationProblem>> ReplaceRule(
        int ruleId, AssignmentRuleWrite write, [AsParameters] AssignmentServices services, CancellationToken ct)
    {
        var rule = await services.Db.AssignmentRules.FirstOrDefaultAsync(r => r.Id == ruleId, ct);
        if (rule is null) return NotFoundRule();
        var (errors, groupId) = await ValidateAsync(write, services.Db, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        Apply(rule, write, groupId, services.Clock.GetUtcNow().UtcDateTime);
        rule.Position = write.Position ?? rule.Position;
        await services.Db.SaveChangesAsync(ct);
        await services.Db.Entry(rule).Reference(r => r.RepGroup).LoadAsync(ct);
        return TypedResults.Ok(ToDto(rule));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteRule(int ruleId, [AsParameters] AssignmentServices services, CancellationToken ct) =>
        await services.Db.AssignmentRules.Where(r => r.Id == ruleId).ExecuteDeleteAsync(ct) == 0 ? NotFoundRule() : TypedResults.NoContent();

    public static async Task<Results<Ok<RoutingPreviewDto>, ValidationProblem>> Preview(
        RoutingPreviewWrite write, [AsParameters] AssignmentServices services, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.MaxLength("interest", write.Interest, 100);
        errors.MaxLength("region", write.Region, 100);
        errors.MaxLength("source", write.Source, 100);
        if (write.Country is not null && (write.Country.Length != 2 || !write.Country.All(char.IsAsciiLetter)))
            errors.Add("country", "country must be an ISO 3166-1 alpha-2 code such as DE or US.");
        if (write.Score is { } score && !double.IsFinite(score)) errors.Add("score", "score must be a number.");
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var lead = new RoutingFacts(Blank(write.Interest), Blank(write.Region), Blank(write.Country)?.ToUpperInvariant(), Blank(write.Source), write.Score ?? 0);
        if (await services.Routing.PreviewAsync(lead, ct) is not { } decision) return TypedResults.Ok(new RoutingPreviewDto(false, null, null, null, null, null));
        var rule = await services.Db.AssignmentRules.AsNoTracking().Include(r => r.RepGroup).FirstAsync(r => r.Id == decision.RuleId, ct);
        var repName = await services.Db.Reps.Where(r => r.Id == decision.RepId).Select(r => r.DisplayName).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new RoutingPreviewDto(true, rule.Id, rule.Name, rule.RepGroup?.Name, decision.RepId, repName));
    }

    public static async Task<Ok<List<RepGroupDto>>> ListGroups([AsParameters] AssignmentServices services, CancellationToken ct) =>
        TypedResults.Ok((await services.Db.RepGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(ct))
            .Select(ToDto).ToList());

    public static async Task<Results<Ok<RepGroupDto>, ValidationProblem>> PutGroup(
        string name, RepGroupWrite write, [AsParameters] AssignmentServices services, CancellationToken ct)
    {
        var errors = new FieldErrors();
        name = name.Trim();
        if (name.Length is 0 or > 100) errors.Add("name", "A group name is 1 to 100 characters.");
        if (write.RepIds is not { Count: > 0 } repIds) errors.Add("repIds", "A group needs at least one rep.");
        else
        {
            if (repIds.Distinct().Count() != repIds.Count) errors.Add("repIds", "A rep appears twice.");
            var known = await services.Db.Reps.Where(r => repIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
            foreach (var missing in repIds.Except(known)) errors.Add("repIds", $"There is no rep with id {missing}.");
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        // Simultaneous PUTs of one new name: the first creates the group, the others replace its members.
        var db = services.Db;
        var group = await db.UpsertAsync($"the group '{name}'", async token =>
        {
            var group = await db.RepGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Name == name, token);
            if (group is null) db.RepGroups.Add(group = new RepGroup { Name = name });
            group.Members.Clear();
            group.Members.AddRange(write.RepIds!.Select((repId, i) => new RepGroupMember { RepId = repId, Position = i }));
            await db.SaveChangesAsync(token);
            return group;
        }, ct);
        return TypedResults.Ok(ToDto(group));
    }

    public static async Task<Results<Ok<ContactDto>, Ok<RestrictedContactDto>, NotFound<ProblemDetails>, ValidationProblem>> Assign(
        int id, AssignWrite write, Caller caller, LeadRouting routing, [AsParameters] ContactServices contacts, HttpContext http, CancellationToken ct)
    {
        var services = new AssignmentServices(contacts.Db, contacts.Clock, routing);
        var errors = new FieldErrors();
        errors.MaxLength("reason", write.Reason, 500);
        if (write.Route && write.OwnerId is not null) errors.Add("route", "Either name an owner or let the rules route the lead, not both.");
        switch (await AssignmentPermissions.CheckAsync(services.Db, caller.RepId, caller.IsManager, write.OwnerId, write.Route, ct))
        {
            case AssignmentRefusal.OnlyAManager: errors.Add(write.Route ? "route" : "ownerId", ContactWriting.OnlyAManagerAssigns); break;
            case AssignmentRefusal.NoActiveRep: errors.Add("ownerId", ContactWriting.NoActiveRep(write.OwnerId)); break;
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        // Reps see their own leads and the queue: anybody else's lead is not found, so it cannot be taken from them.
        var reason = string.IsNullOrWhiteSpace(write.Reason) ? null : write.Reason.Trim();
        var db = services.Db;
        var found = await db.InTransactionAsync(async token =>
        {
            var contact = await db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, token);
            if (contact is null) return false;
            if (write.Route)
            {
                var decision = await services.Routing.RouteAsync(contact, token);
                services.Routing.Assign(contact, decision?.RepId, decision is null ? AssignmentCause.NoRuleMatched : AssignmentCause.Rule,
                    decision?.RuleId, caller.RepId, reason ?? "routed again by hand");
            }
            else
            {
                services.Routing.Assign(contact, write.OwnerId, AssignmentCause.Manual, ruleId: null, caller.RepId, reason);
            }
            contact.UpdatedAt = services.Clock.GetUtcNow().UtcDateTime;
            contact.Version++;
            await db.SaveChangesAsync(token);
            return true;
        }, ct);
        if (!found) return ContactEndpoints.NotFoundContact();

        // A rep's assignment keeps the lead in sight; a colleague's write in the meantime may not.
        return await ContactEndpoints.ReadBackAsync(id, caller, contacts, http, ct) switch
        {
            { Full: { } dto } => TypedResults.Ok(dto),
            { Restricted: { } restricted } => TypedResults.Ok(restricted),
            _ => ContactEndpoints.NotFoundContact(),
        };
    }

    public static async Task<Results<Ok<List<OwnerAssignmentDto>>, NotFound<ProblemDetails>>> History(
        int id, Caller caller, [AsParameters] AssignmentServices services, CancellationToken ct)
    {
        if (!await services.Db.Contacts.VisibleTo(caller).AnyAsync(c => c.Id == id, ct)) return ContactEndpoints.NotFoundContact();
        var rows = await services.Db.OwnerAssignments.AsNoTracking().Where(a => a.ContactId == id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new OwnerAssignmentDto(a.Id, a.ContactId, a.FromRepId, a.ToRepId, a.Cause, a.RuleId, a.ByRepId, a.Reason, a.At))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<(FieldErrors Errors, int? GroupId)> ValidateAsync(AssignmentRuleWrite write, LeadMailDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(write.Name)) errors.Add("name", "name is required.");
        errors.MaxLength("name", write.Name, 100);
        errors.MaxLength("interest", write.Interest, 100);
        errors.MaxLength("region", write.Region, 100);
        errors.MaxLength("source", write.Source, 100);
        errors.MaxLength("group", write.Group, 100);
        if (write.Country is not null && (write.Country.Length != 2 || !write.Country.All(char.IsAsciiLetter)))
            errors.Add("country", "country must be an ISO 3166-1 alpha-2 code such as DE or US.");
        if (write.MinScore is { } min && write.MaxScore is { } max && min > max) errors.Add("minScore", "minScore must not exceed maxScore.");
        if (write.MinScore is { } mn && !double.IsFinite(mn)) errors.Add("minScore", "minScore must be a number.");
        if (write.MaxScore is { } mx && !double.IsFinite(mx)) errors.Add("maxScore", "maxScore must be a number.");
        if (write.Position is < 0) errors.Add("position", "position must not be negative.");

        int? groupId = null;
        if ((write.RepId is null) == string.IsNullOrWhiteSpace(write.Group))
            errors.Add("repId", "A rule sends leads either to a rep (repId) or round-robin to a group (group), exactly one of them.");
        else if (write.RepId is { } repId && !await db.Reps.AnyAsync(r => r.Id == repId && r.Active, ct))
            errors.Add("repId", $"There is no active rep with id {repId}.");
        else if (write.Group is { } name)
        {
            groupId = await db.RepGroups.Where(g => g.Name == name.Trim()).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct);
            if (groupId is null) errors.Add("group", $"There is no group named '{name}'. Create it with PUT /api/rep-groups/{{name}}.");
        }
        return (errors, groupId);
    }

    private static void Apply(AssignmentRule rule, AssignmentRuleWrite write, int? groupId, DateTime now)
    {
        rule.Name = write.Name!.Trim();
        rule.Active = write.Active ?? true;
        rule.Interest = Blank(write.Interest);
        rule.Region = Blank(write.Region);
        rule.Country = Blank(write.Country)?.ToUpperInvariant();
        rule.Source = Blank(write.Source);
        rule.MinScore = write.MinScore;
        rule.MaxScore = write.MaxScore;
        rule.RepId = write.RepId;
        rule.RepGroupId = groupId;
        rule.RepGroup = null;
        rule.UpdatedAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static AssignmentRuleDto ToDto(AssignmentRule rule) => new()
    {
        Id = rule.Id,
        Position = rule.Position,
        Name = rule.Name,
        Active = rule.Active,
        Interest = rule.Interest,
        Region = rule.Region,
        Country = rule.Country,
        Source = rule.Source,
        MinScore = rule.MinScore,
        MaxScore = rule.MaxScore,
        RepId = rule.RepId,
        Group = rule.RepGroup?.Name,
        CreatedAt = rule.CreatedAt,
        UpdatedAt = rule.UpdatedAt,
    };

    private static RepGroupDto ToDto(RepGroup group) =>
        new(group.Id, group.Name, group.Members.OrderBy(m => m.Position).Select(m => m.RepId).ToList(), group.Turns);

    private static NotFound<ProblemDetails> NotFoundRule() =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Assignment rule not found" });
}
