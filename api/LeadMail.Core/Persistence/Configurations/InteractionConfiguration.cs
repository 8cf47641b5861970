using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> interaction)
    {
        interaction.Property(i => i.Subject).HasMaxLength(400);
        interaction.Property(i => i.Notes).HasMaxLength(4000);
        interaction.Property(i => i.NaturalKey).HasMaxLength(TouchKey.MaxLength);
        interaction.Property(i => i.ConsentOverrideReason).HasMaxLength(500);
        interaction.Property(i => i.SourceItemId).HasMaxLength(TouchKey.MaxLength);

        interaction.HasOne(i => i.Rep).WithMany().HasForeignKey(i => i.RepId).OnDelete(DeleteBehavior.SetNull);

        // Idempotency: one touch per natural key per contact, enforced by the database itself.
        interaction.HasIndex(i => new { i.ContactId, i.NaturalKey }).IsUnique();
        // The pane's timeline (by time, then id: both in the key, so the newest come straight off the index),
        // and the ingest's read of a contact's touches for its counters and score, which this index covers:
        // a sync page's thousands of history rows come from the index alone instead of a table lookup each.
        interaction.HasIndex(i => new { i.ContactId, i.OccurredAt, i.Id, i.Direction, i.IsConnect, i.Channel, i.Outcome });
        // Reports: touches per rep over a period, and team-wide over a period. Both cover every column
        // the touches report groups by, so the database counts from the index without reading rows.
        interaction.HasIndex(i => new { i.RepId, i.OccurredAt, i.Channel, i.Direction, i.Origin, i.ContactId });
        interaction.HasIndex(i => new { i.OccurredAt, i.RepId, i.Channel, i.Direction, i.Origin, i.ContactId });
        // The sync worker's sweep of each rep's meetings that have ended without an outcome: only those few rows.
        interaction.HasIndex(i => new { i.RepId, i.EndsAt }).HasFilter("[Outcome] IS NULL AND [EndsAt] IS NOT NULL")
            .HasDatabaseName("IX_Interactions_Rep_OpenMeetingEnds");
        // The manager's consent-violation list: only the few flagged rows are indexed.
        interaction.HasIndex(i => new { i.ConsentViolation, i.OccurredAt }).HasFilter("[ConsentViolation] IS NOT NULL");
        // database-health for one rep: that rep's flagged touches from the few flagged rows (without it
        // SQLite reads every touch the rep made to check the flag).
        interaction.HasIndex(i => new { i.RepId, i.ConsentViolation }).HasFilter("[ConsentViolation] IS NOT NULL").HasDatabaseName("IX_Interactions_Rep_ConsentViolation");
    }
}

internal sealed class TouchTallyConfiguration : IEntityTypeConfiguration<TouchTally>
{
    public void Configure(EntityTypeBuilder<TouchTally> tally)
    {
        // The key is the upsert's conflict target (ON CONFLICT on SQLite).
        tally.HasKey(t => new { t.Span, t.Start, t.RepKey, t.Channel, t.Direction, t.AutoLogged });
        // The touches report sums a range of one span from this index alone (the key's index lacks the count).
        tally.HasIndex(t => new { t.Span, t.Start, t.RepKey, t.Channel, t.Direction, t.AutoLogged, t.Count })
            .HasDatabaseName("IX_TouchTallies_Covering");
    }
}

internal sealed class TouchRevisionConfiguration : IEntityTypeConfiguration<TouchRevision>
{
    public void Configure(EntityTypeBuilder<TouchRevision> revision)
    {
        revision.Property(r => r.Subject).HasMaxLength(400);
        revision.Property(r => r.NewSubject).HasMaxLength(400);
        revision.Property(r => r.Notes).HasMaxLength(4000);
        revision.Property(r => r.NewNotes).HasMaxLength(4000);
        // The right to be forgotten takes a contact's revisions with it.
        revision.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
        revision.HasOne(r => r.ByRep).WithMany().HasForeignKey(r => r.ByRepId).OnDelete(DeleteBehavior.SetNull);
        // Managers read them newest first, team-wide or for one lead.
        revision.HasIndex(r => r.At);
        revision.HasIndex(r => new { r.ContactId, r.At });
    }
}

