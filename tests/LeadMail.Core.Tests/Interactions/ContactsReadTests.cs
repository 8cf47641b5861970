using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence.Sqlite;
using LeadMail.Core.Persistence.SqlServer;
using LeadMail.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Tests.Interactions;

/// <summary>
/// On SQLite the ingest reads its batch's contacts with a hand-written statement (<see cref="SqliteContactHistory.ContactsAsync"/>);
/// it must read what EF Core reads through the model, whatever the contact's flags, stage, priority and counters.
/// </summary>
public sealed class ContactsReadTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    [Fact]
    public async Task The_hand_written_read_matches_the_model_for_every_shape_of_contact()
    {
        var blank = await leads.NewContactAsync();
        var worked = await leads.NewContactAsync();
        var won = await leads.NewContactAsync();
        await using (var db = leads.Open())
        {
            await db.Contacts.Where(c => c.Id == worked.Id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.DoNotEmail, true).SetProperty(c => c.Stage, Stage.SalesQualified).SetProperty(c => c.Priority, Priority.High)
                .SetProperty(c => c.PrioritySetByHand, true).SetProperty(c => c.ScoreBase, 12.375).SetProperty(c => c.TouchesTotal, 7)
                .SetProperty(c => c.LastTouchAt, new DateTime(2026, 3, 1, 17, 45, 12, 250, DateTimeKind.Utc).AddTicks(3))
                .SetProperty(c => c.LastInboundAt, new DateTime(2026, 2, 27, 8, 0, 0, DateTimeKind.Utc))
                .SetProperty(c => c.OutboundSinceConnect, 4));
            await db.Contacts.Where(c => c.Id == won.Id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.DoNotCall, true).SetProperty(c => c.Unsubscribed, true).SetProperty(c => c.Stage, Stage.Won)
                .SetProperty(c => c.Priority, Priority.Low).SetProperty(c => c.ScoreBase, 0.1).SetProperty(c => c.TouchesTotal, 30)
                .SetProperty(c => c.LastTouchAt, new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc))
                .SetProperty(c => c.FirstConnectAt, new DateTime(2025, 12, 1, 10, 0, 0, 1, DateTimeKind.Utc))
                .SetProperty(c => c.TouchesBeforeConnect, 3).SetProperty(c => c.OutboundSinceConnect, 0));
        }

        await using var read = leads.Open();
        await read.Database.OpenConnectionAsync();
        int[] ids = [blank.Id, worked.Id, won.Id, int.MaxValue];
        var raw = await new SqliteContactHistory(read).ContactsAsync(ids, CancellationToken.None);
        var model = await SqlServerContactHistory.ThroughModelAsync(read, ids, CancellationToken.None);

        Assert.Equal(3, raw.Count);
        Assert.Equal(model.OrderBy(c => c.Key), raw.OrderBy(c => c.Key));
        Assert.Equal(Stage.Won, raw[won.Id].Stage);
        Assert.Equal(new DateTime(2026, 3, 1, 17, 45, 12, 250, DateTimeKind.Utc).AddTicks(3), raw[worked.Id].Counters.LastTouchAt);
    }
}
