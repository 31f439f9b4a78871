using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class BodyMeasurementConfiguration : IEntityTypeConfiguration<BodyMeasurementRecord>
{
    public void Configure(EntityTypeBuilder<BodyMeasurementRecord> e)
    {
        e.HasIndex(x => new { x.UserId, x.Date });
        e.Property(x => x.WeightKg).HasPrecision(6, 2);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
