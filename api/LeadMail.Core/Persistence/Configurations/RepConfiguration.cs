using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class RepConfiguration : IEntityTypeConfiguration<Rep>
{
    public void Configure(EntityTypeBuilder<Rep> rep)
    {
        rep.Property(r => r.Email).HasMaxLength(254);
        rep.Property(r => r.DisplayName).HasMaxLength(200);
        rep.Property(r => r.EntraObjectId).HasMaxLength(64);
        rep.HasIndex(r => r.Email).IsUnique();
        rep.HasIndex(r => r.EntraObjectId).IsUnique().HasFilter("[EntraObjectId] IS NOT NULL");
    }
}
