using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItemRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemRecord> e)
    {
        e.HasIndex(x => new { x.UserId, x.PlanId });
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Property(x => x.Family).HasMaxLength(100);
        e.Property(x => x.ExerciseId).HasMaxLength(100);
        e.Property(x => x.Band).HasMaxLength(16);
    }
}
