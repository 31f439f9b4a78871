using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntryRecord>
{
    public void Configure(EntityTypeBuilder<ActivityEntryRecord> e)
    {
        e.HasIndex(x => new { x.UserId, x.Date });
        e.Property(x => x.Kind).HasMaxLength(32);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
