using LeadMail.Core.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.Property(c => c.FirstName).HasMaxLength(100);
        contact.Property(c => c.LastName).HasMaxLength(100);
        contact.Property(c => c.Company).HasMaxLength(200);
        contact.Property(c => c.Title).HasMaxLength(100);
        contact.Property(c => c.Phone).HasMaxLength(40);
        contact.Property(c => c.MobilePhone).HasMaxLength(40);
        contact.Property(c => c.Street).HasMaxLength(200);
        contact.Property(c => c.City).HasMaxLength(100);
        contact.Property(c => c.PostalCode).HasMaxLength(20);
        contact.Property(c => c.Region).HasMaxLength(100);
        contact.Property(c => c.Country).HasMaxLength(2);
        contact.Property(c => c.Background).HasMaxLength(4000);
        contact.Property(c => c.Source).HasMaxLength(100);
        contact.Property(c => c.Interest).HasMaxLength(100);
        contact.Property(c => c.NextFollowUpNote).HasMaxLength(500);
        contact.Property(c => c.Version).IsConcurrencyToken();
        contact.Ignore(c => c.PrimaryEmail);
        contact.Ignore(c => c.DisplayName);

        contact.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        contact.HasMany(c => c.Emails).WithOne().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        contact.HasMany(c => c.Interactions).WithOne(i => i.Contact).HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);

        // The list's filters and the call list: by owner (newest first), stage, and follow-up due.
        contact.HasIndex(c => new { c.OwnerId, c.Id });
        contact.HasIndex(c => new { c.Stage, c.Id });
        contact.HasIndex(c => c.NextFollowUpDue);
        // new-leads: covering range scans over creation time, team-wide and per owner (or unassigned),
        // so each bucket is counted by source from the index alone.
        contact.HasIndex(c => new { c.CreatedAt, c.Source });
        contact.HasIndex(c => new { c.OwnerId, c.CreatedAt, c.Source });
        // Touches before connect: contacts first connected in a period, read from the index alone.
        contact.HasIndex(c => new { c.FirstConnectAt, c.TouchesBeforeConnect });
        contact.HasIndex(c => c.LastTouchAt);
        // Per-owner counts of ripe and stale leads and of overdue follow-ups (follow-ups and
        // database-health reports): a narrow covering scan in owner order instead of reading every wide row.
        contact.HasIndex(c => new { c.OwnerId, c.Stage, c.Unsubscribed, c.LastTouchAt, c.CreatedAt, c.NextFollowUpDue })
            .HasDatabaseName("IX_Contacts_Owner_Ripeness");
        // The rep's day: each list is a range of one owner's index read in the list's order, stopping at its
        // limit, instead of every lead the rep owns sorted. Id is in the ripe key as the ripe list's tie-break,
        // the filter columns after it so leads that are not ripe are skipped without reading their rows.
        contact.HasIndex(c => new { c.OwnerId, c.NextFollowUpDue });
        contact.Property(c => c.QuietSince).HasComputedColumnSql("COALESCE([LastTouchAt], [CreatedAt])", stored: false);
        contact.HasIndex(c => new { c.OwnerId, c.QuietSince, c.Id, c.Stage, c.Unsubscribed, c.NextFollowUpDue })
            .HasDatabaseName("IX_Contacts_Owner_QuietSince");
    }
}

internal sealed class ContactEmailConfiguration : IEntityTypeConfiguration<ContactEmail>
{
    public void Configure(EntityTypeBuilder<ContactEmail> email)
    {
        email.Property(e => e.Address).HasMaxLength(EmailAddress.MaxLength);
        // The task pane's lookup: one seek on the normalised address.
        email.HasIndex(e => e.Address).IsUnique();
        email.HasIndex(e => e.ContactId);
        // The worker's queue of new addresses: a filtered seek, not a scan of every address.
        email.HasIndex(e => e.HistoryPending).HasFilter("[HistoryPending] = 1");
    }
}
