using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ExerciseLogConfiguration : IEntityTypeConfiguration<ExerciseLogRecord>
{
    public void Configure(EntityTypeBuilder<ExerciseLogRecord> e)
    {
        // Progression reads the newest few logs of one item: this index keeps that read short
        // however long the history grows.
        e.HasIndex(x => new { x.PlanItemId, x.PerformedAt, x.Id });
        e.HasIndex(x => new { x.UserId, x.PerformedOn });
        e.Property(x => x.PrescribedExerciseId).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(1000);
    }
}
