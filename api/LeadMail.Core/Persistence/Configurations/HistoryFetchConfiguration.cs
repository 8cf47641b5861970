using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class HistoryFetchConfiguration : IEntityTypeConfiguration<HistoryFetch>
{
    public void Configure(EntityTypeBuilder<HistoryFetch> fetch)
    {
        fetch.ToTable("HistoryFetches");
        // Graph next links carry the whole query and a skip token.
        fetch.Property(f => f.NextLink).HasMaxLength(8000);
        // Forgetting a lead or a rep removes what was queued for them.
        fetch.HasOne(f => f.ContactEmail).WithMany().HasForeignKey(f => f.ContactEmailId).OnDelete(DeleteBehavior.Cascade);
        fetch.HasOne(f => f.Rep).WithMany().HasForeignKey(f => f.RepId).OnDelete(DeleteBehavior.Cascade);
        // One fetch per address, mailbox and kind: queuing twice adds nothing.
        fetch.HasIndex(f => new { f.ContactEmailId, f.RepId, f.Kind }).IsUnique();
        // A mailbox's open fetches, oldest first.
        fetch.HasIndex(f => new { f.RepId, f.CompletedAt });
    }
}
