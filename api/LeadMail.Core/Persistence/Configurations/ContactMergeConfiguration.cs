using LeadMail.Core.Contacts;
using LeadMail.Core.Contacts.Merging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> merge)
    {
        merge.Property(m => m.DuplicateName).HasMaxLength(ContactMerge.NameMaxLength);
        merge.Property(m => m.DuplicateEmails).HasMaxLength(ContactMerge.EmailsMaxLength);
        merge.Property(m => m.FilledFields).HasMaxLength(ContactMerge.FilledFieldsMaxLength);
        // The right to be forgotten takes the survivor's merge records, with their copies of the duplicate's name and addresses.
        merge.HasOne<Contact>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Cascade);
        // Managers read them newest first, team-wide or for one lead.
        merge.HasIndex(m => m.At);
        merge.HasIndex(m => new { m.SurvivorId, m.At });
    }
}
