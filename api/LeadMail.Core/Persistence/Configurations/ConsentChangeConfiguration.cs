using LeadMail.Core.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class ConsentChangeConfiguration : IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<ConsentChange> change)
    {
        change.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        // ByRepId has no foreign key: the history keeps naming the rep it named.
        // A contact's history, and the managers' list newest first.
        change.HasIndex(c => new { c.ContactId, c.At });
        change.HasIndex(c => c.At);
    }
}
