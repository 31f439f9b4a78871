using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class CustomExerciseConfiguration : IEntityTypeConfiguration<CustomExerciseRecord>
{
    public void Configure(EntityTypeBuilder<CustomExerciseRecord> e)
    {
        e.HasIndex(x => new { x.ClinicId, x.Family }).IsUnique();
        e.Property(x => x.Family).HasMaxLength(100);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}
