using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> e)
    {
        e.HasIndex(x => new { x.PlanItemId, x.CreatedAt, x.Id });
        e.HasIndex(x => x.SessionId);
        e.Property(x => x.Action).HasMaxLength(16);
        e.Property(x => x.ActorId).HasMaxLength(450);
        e.Property(x => x.ActorEmail).HasMaxLength(256);
        e.HasOne<PlanItemRecord>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
