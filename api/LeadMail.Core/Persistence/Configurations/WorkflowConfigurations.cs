using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Pipeline;
using LeadMail.Core.Reps;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMail.Core.Persistence.Configurations;

internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> change)
    {
        change.Property(c => c.Reason).HasMaxLength(StageChanges.ReasonMaxLength);
        change.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        // ByRepId has no foreign key: an audit row keeps naming the rep it named.
        // A contact's history, and the time-in-stage reports over a period.
        change.HasIndex(c => new { c.ContactId, c.At });
        change.HasIndex(c => new { c.To, c.At });
        // The pipeline report: the period's changes of each move (From, To), one covering range each that
        // comes out grouped (no sort), with the contact for the scope filter and the entry time for time in stage.
        change.HasIndex(c => new { c.From, c.To, c.At, c.ContactId, c.FromEnteredAt });
        // When did this contact last enter that stage: one covering seek per move, to record FromEnteredAt
        // (without it SQLite scans IX_StageChanges_To_At).
        change.HasIndex(c => new { c.ContactId, c.To, c.At });
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.Property(f => f.Note).HasMaxLength(FollowUpSchedule.NoteMaxLength);
        followUp.Property(f => f.ClosedReason).HasMaxLength(100);
        followUp.Ignore(f => f.IsOpen);
        followUp.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Cascade);
        // At most one open follow-up per contact, enforced by the database.
        followUp.HasIndex(f => f.ContactId).IsUnique().HasFilter("[CompletedAt] IS NULL AND [ClosedAt] IS NULL").HasDatabaseName("IX_FollowUps_OpenPerContact");
        followUp.HasIndex(f => new { f.ContactId, f.CreatedAt });
        // Who follows up: promises kept per rep over a period.
        followUp.HasIndex(f => new { f.CompletedByRepId, f.CompletedAt });
        // The follow-ups report: what fell due in a period and how it ended, per contact, without touching
        // the rows. Led by the contact so SQLite walks the contacts in owner order (no sort, no wide-row
        // lookups) and seeks each one's due range: 3x cheaper over a year than a DueAt range joined
        // to every follow-up's contact, and a rep's report reads only that rep's contacts.
        followUp.HasIndex(f => new { f.ContactId, f.DueAt, f.CompletedAt, f.ClosedAt });
    }
}

internal sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> rule)
    {
        rule.Property(r => r.Name).HasMaxLength(100);
        rule.Property(r => r.Interest).HasMaxLength(100);
        rule.Property(r => r.Region).HasMaxLength(100);
        rule.Property(r => r.Country).HasMaxLength(2);
        rule.Property(r => r.Source).HasMaxLength(100);
        rule.HasOne<Rep>().WithMany().HasForeignKey(r => r.RepId).OnDelete(DeleteBehavior.Restrict);
        rule.HasOne(r => r.RepGroup).WithMany().HasForeignKey(r => r.RepGroupId).OnDelete(DeleteBehavior.Restrict);
        rule.HasIndex(r => r.Position);
    }
}

internal sealed class RepGroupConfiguration : IEntityTypeConfiguration<RepGroup>
{
    public void Configure(EntityTypeBuilder<RepGroup> group)
    {
        group.Property(g => g.Name).HasMaxLength(100);
        group.HasIndex(g => g.Name).IsUnique();
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.RepGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RepGroupMemberConfiguration : IEntityTypeConfiguration<RepGroupMember>
{
    public void Configure(EntityTypeBuilder<RepGroupMember> member)
    {
        member.HasKey(m => new { m.RepGroupId, m.RepId });
        member.HasOne<Rep>().WithMany().HasForeignKey(m => m.RepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OwnerAssignmentConfiguration : IEntityTypeConfiguration<OwnerAssignment>
{
    public void Configure(EntityTypeBuilder<OwnerAssignment> assignment)
    {
        assignment.Property(a => a.Reason).HasMaxLength(500);
        assignment.HasOne(a => a.Contact).WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        // Audit rows name reps and rules that may later go; the ids stay as they were.
        assignment.HasIndex(a => new { a.ContactId, a.At });
        assignment.HasIndex(a => new { a.ToRepId, a.At });
    }
}

internal sealed class AppliedScoringRulesConfiguration : IEntityTypeConfiguration<AppliedScoringRules>
{
    public void Configure(EntityTypeBuilder<AppliedScoringRules> rules)
    {
        rules.ToTable("AppliedScoringRules");
        // One row, written with its known id: no identity column.
        rules.Property(r => r.Id).ValueGeneratedNever();
        rules.Property(r => r.ScoreRules).HasMaxLength(AppliedScoringRules.RulesMaxLength);
        rules.Property(r => r.PriorityRules).HasMaxLength(AppliedScoringRules.RulesMaxLength);
    }
}
