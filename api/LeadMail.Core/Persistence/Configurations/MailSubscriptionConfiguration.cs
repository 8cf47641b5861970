using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class MailSubscriptionConfiguration : IEntityTypeConfiguration<MailSubscription>
{
    public void Configure(EntityTypeBuilder<MailSubscription> subscription)
    {
        subscription.ToTable("MailSubscriptions");
        subscription.Property(s => s.GraphSubscriptionId).HasMaxLength(200);
        subscription.Property(s => s.ClientStateHash).HasMaxLength(32);
        subscription.Property(s => s.LeaseOwner).HasMaxLength(200);
        subscription.Property(s => s.NotificationUrl).HasMaxLength(2048);
        subscription.Property(s => s.LifecycleNotificationUrl).HasMaxLength(2048);
        subscription.Property(s => s.LastError).HasMaxLength(2000);
        subscription.HasOne(s => s.Rep).WithMany().HasForeignKey(s => s.RepId).OnDelete(DeleteBehavior.Cascade);

        // One subscription per resource per mailbox: the worker's insert-if-missing relies on it.
        subscription.HasIndex(s => new { s.RepId, s.Resource }).IsUnique();
        // Each notification finds its subscription by Graph's id.
        subscription.HasIndex(s => s.GraphSubscriptionId).IsUnique();
    }
}
