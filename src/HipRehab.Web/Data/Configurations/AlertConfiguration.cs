using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> e)
    {
        e.HasIndex(x => new { x.UserId, x.Status });
        e.Property(x => x.RuleId).HasMaxLength(16);
        e.Property(x => x.Severity).HasMaxLength(32);
        e.Property(x => x.Status).HasMaxLength(16);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
