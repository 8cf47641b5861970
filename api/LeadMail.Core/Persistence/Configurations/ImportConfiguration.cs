using LeadMail.Core.Imports;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> import)
    {
        import.Property(i => i.FileName).HasMaxLength(260);
        import.Property(i => i.DefaultSource).HasMaxLength(100);
        import.Property(i => i.Failure).HasMaxLength(1000);
        import.Ignore(i => i.Defaults);
        import.HasOne<Rep>().WithMany().HasForeignKey(i => i.ByRepId).OnDelete(DeleteBehavior.Restrict);
        // The start-up pickup of unfinished imports.
        import.HasIndex(i => i.Status);
        import.HasIndex(i => new { i.ByRepId, i.Id });
    }
}

internal sealed class ImportRowBatchConfiguration : IEntityTypeConfiguration<ImportRowBatch>
{
    public void Configure(EntityTypeBuilder<ImportRowBatch> batch)
    {
        batch.ToTable("ImportRowBatches");
        batch.HasOne<Import>().WithMany().HasForeignKey(b => b.ImportId).OnDelete(DeleteBehavior.Cascade);
        // Each transaction reads the next batch in file order from where the progress stands.
        batch.HasIndex(b => new { b.ImportId, b.Position }).IsUnique();
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> error)
    {
        error.Property(e => e.Field).HasMaxLength(64);
        error.Property(e => e.Message).HasMaxLength(1000);
        error.HasOne<Import>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
        error.HasIndex(e => new { e.ImportId, e.Row });
    }
}
