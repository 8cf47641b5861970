using LeadMail.Core.Assignment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class HandOverRequestConfiguration : IEntityTypeConfiguration<HandOverRequest>
{
    public void Configure(EntityTypeBuilder<HandOverRequest> request)
    {
        request.Property(h => h.Note).HasMaxLength(HandOverRequest.NoteMaxLength);
        request.HasOne(h => h.Contact).WithMany().HasForeignKey(h => h.ContactId).OnDelete(DeleteBehavior.Cascade);
        // The rep ids name people who may later go; the request keeps naming them.
        // A lead's pending requests (asking again, deciding); the pending list and Today by status.
        request.HasIndex(h => new { h.ContactId, h.Status });
        request.HasIndex(h => new { h.Status, h.RequestedAt });
    }
}
