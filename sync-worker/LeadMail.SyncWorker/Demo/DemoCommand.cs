using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Hosting;
using LeadMail.SyncWorker.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Demo;

/// <summary>
/// <c>dotnet run --project sync-worker/LeadMail.SyncWorker -- demo</c>: automatic logging on one machine,
/// no tenant. Seeds three reps (sync on) and sixty leads into the configured database (by default the
/// API's), serves a generated mailbox over Graph on 127.0.0.1, runs one round with the real SDK and
/// pipeline, and prints what became touches. Then it adds a prospect the reps already wrote to and met as a lead,
/// as a rep would in the pane, and runs a second round that fetches that lead's history.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sample = SampleMailbox.Demo(DateTime.UtcNow);
        await using var graph = SampleGraphServer.Start(sample);
        var overrides = new Dictionary<string, string?>
        {
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:TenantId"] = "",
            ["Graph:ClientId"] = "",
            ["Graph:ClientSecret"] = "",
            ["Graph:CertificatePath"] = "",
            ["Sync:CompanyDomains:0"] = SampleMailbox.CompanyDomain,
            ["Sync:ExcludedAddresses:90"] = "@mailer.example.com",
        };
        using var host = WorkerHost.CreateBuilder(args, continuous: false, overrides).Build();
        await host.StartAsync();
        var clock = host.Services.GetRequiredService<TimeProvider>();

        var repIds = new List<int>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            repIds = await SeedAsync(db, scope.ServiceProvider.GetRequiredService<LeadIntake>(), sample, clock, CancellationToken.None);
        }

        Console.WriteLine($"Sample Graph at {graph.BaseUrl}: {sample.Reps.Count} mailboxes, {sample.InboxPerRep} inbox + {sample.SentPerRep} sent messages and {sample.MeetingsPerRep} meetings each.");
        var report = await host.Services.GetRequiredService<SyncRound>().RunAsync(once: true, CancellationToken.None);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var perRep = await db.Interactions.AsNoTracking()
                .Where(i => i.Origin == Origin.Sync && i.RepId != null && repIds.Contains(i.RepId.Value))
                .GroupBy(i => new { i.Rep!.Email, i.Channel, i.Direction })
                .Select(g => new { g.Key.Email, g.Key.Channel, g.Key.Direction, Count = g.Count() })
                .ToListAsync();
            Console.WriteLine($"Round: {report.Streams.Count} streams, {report.Items} Graph items read, {report.TouchesRecorded} new touches{(report.AllSucceeded ? "" : " (some streams FAILED, see the log)")}.");
            foreach (var rep in perRep.GroupBy(r => r.Email).OrderBy(g => g.Key))
                Console.WriteLine($"  {rep.Key}: " + string.Join(", ", rep.OrderBy(r => r.Channel).ThenBy(r => r.Direction)
                    .Select(r => $"{r.Count} {r.Channel.ToString().ToLowerInvariant()}{(r.Channel == Channel.Email ? " " + r.Direction.ToString().ToLowerInvariant() : "")}")));
            Console.WriteLine("Colleagues (contoso.com), the newsletter (mailer.example.com) and unknown senders made no touches (Sync:AutoCreateContacts is Ignore).");
        }

        var history = await FetchProspectHistoryAsync(host, sample, repIds[0]);
        Console.WriteLine(history.Added
            ? $"History: {sample.Prospect.FirstName} {sample.Prospect.LastName} ({sample.Prospect.Email}), made a lead after the first round, got {history.Touches} touches from the reps' past mail and meetings{(history.Round.AllSucceeded ? "" : " (the history round FAILED, see the log)")}."
            : $"History: {sample.Prospect.Email} was a lead already (an earlier demo); its {history.Touches} touches are there.");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var example = await db.Interactions.AsNoTracking().Where(i => i.Origin == Origin.Sync).OrderBy(i => i.ContactId).Select(i => i.ContactId).FirstOrDefaultAsync();
            Console.WriteLine("See them in the API: dotnet run --project api/LeadMail.Api, mint a token with");
            Console.WriteLine("  dotnet run --project api/LeadMail.Api -- token --email alice@contoso.com --role manager");
            Console.WriteLine($"  and GET http://localhost:5080/api/contacts/{example}/interactions (or /api/sync/status).");
        }

        await host.StopAsync();
        return report.AllSucceeded && history.Round.AllSucceeded ? 0 : 1;
    }

    /// <summary>
    /// The prospect made a lead of the first rep, through the intake a pane's Add uses, then one more round: the worker
    /// queues the new address's history for every mailbox that has synced and its history streams fetch it.
    /// </summary>
    private static async Task<(bool Added, int Touches, RoundReport Round)> FetchProspectHistoryAsync(IHost host, SampleMailbox sample, int ownerId)
    {
        int contactId;
        bool added;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var existing = await db.ContactEmails.AsNoTracking().Where(e => e.Address == sample.Prospect.Email).Select(e => (int?)e.ContactId).FirstOrDefaultAsync();
            added = existing is null;
            contactId = existing ?? (await scope.ServiceProvider.GetRequiredService<LeadIntake>().AddAsync(Lead(sample.Prospect, ownerId), CancellationToken.None)).Id;
        }
        var round = added ? await host.Services.GetRequiredService<SyncRound>().RunAsync(once: true, CancellationToken.None) : new RoundReport([]);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            return (added, await db.Interactions.CountAsync(i => i.ContactId == contactId), round);
        }
    }

    /// <summary>Reps with sync on and the sample's leads, added only where missing, so the demo can run again.</summary>
    private static async Task<List<int>> SeedAsync(LeadMailDb db, LeadIntake intake, SampleMailbox sample, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reps = new List<Rep>();
        foreach (var (email, i) in sample.Reps.Select((e, i) => (e, i)))
        {
            var rep = await db.Reps.FirstOrDefaultAsync(r => r.Email == email, ct);
            if (rep is null)
            {
                rep = new Rep { Email = email, DisplayName = char.ToUpperInvariant(email[0]) + email[1..email.IndexOf('@')], CreatedAt = now, UpdatedAt = now };
                db.Reps.Add(rep);
            }
            rep.Active = true;
            rep.SyncEnabled = true;
            rep.UpdatedAt = now;
            reps.Add(rep);
        }
        await db.SaveChangesAsync(ct);
        var repIds = reps.Select(r => r.Id).ToList();

        // Links from an earlier demo point at a sample server that is gone: replay from the start
        // (touches are keyed, so nothing is recorded twice).
        await db.MailboxSyncs.Where(s => repIds.Contains(s.RepId)).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.DeltaLink, (string?)null)
            .SetProperty(s => s.MidRound, false)
            .SetProperty(s => s.LastAttemptAt, (DateTime?)null)
            .SetProperty(s => s.LeaseOwner, (string?)null)
            .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null), ct);

        var addresses = sample.Leads.Select(l => l.Email).ToList();
        var known = (await db.ContactEmails.Where(e => addresses.Contains(e.Address)).Select(e => e.Address).ToListAsync(ct)).ToHashSet();
        foreach (var (lead, i) in sample.Leads.Select((l, i) => (l, i)).Where(x => !known.Contains(x.l.Email)))
        {
            await intake.AddAsync(Lead(lead, repIds[i % repIds.Count]), ct);
        }
        db.ChangeTracker.Clear();
        return repIds;
    }

    private static Contact Lead(SampleLead lead, int ownerId) => new()
    {
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Company = lead.Company,
        Source = "Sync demo",
        OwnerId = ownerId,
        Emails = [new ContactEmail { Address = lead.Email, IsPrimary = true }],
    };
}
