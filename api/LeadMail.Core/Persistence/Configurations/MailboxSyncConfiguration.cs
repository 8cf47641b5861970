using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class MailboxSyncConfiguration : IEntityTypeConfiguration<MailboxSync>
{
    public void Configure(EntityTypeBuilder<MailboxSync> sync)
    {
        sync.ToTable("MailboxSyncs");
        // Graph delta links carry an opaque state token that can run to a few kilobytes.
        sync.Property(s => s.DeltaLink).HasMaxLength(8000);
        sync.Property(s => s.LeaseOwner).HasMaxLength(200);
        sync.Property(s => s.LastError).HasMaxLength(2000);
        // Graph's folder ids are about 150 characters; room for longer ones.
        sync.Property(s => s.FolderId).HasMaxLength(400);
        sync.Property(s => s.FolderName).HasMaxLength(400);
        sync.HasOne(s => s.Rep).WithMany().HasForeignKey(s => s.RepId).OnDelete(DeleteBehavior.Cascade);

        // One row per stream (and folder) per mailbox: the worker's insert-if-missing relies on it.
        sync.HasIndex(s => new { s.RepId, s.Stream, s.FolderId }).IsUnique();
        // Finding due, unleased streams each dispatch tick.
        sync.HasIndex(s => new { s.LeaseExpiresAt, s.LastAttemptAt });
        // The worker's look for nudged streams between dispatch passes reads only the ones nudged lately.
        sync.HasIndex(s => s.NudgedAt);
    }
}
