using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class OutcomeConfiguration : IEntityTypeConfiguration<OutcomeRecord>
{
    public void Configure(EntityTypeBuilder<OutcomeRecord> e)
    {
        // Scores are kept to 2 decimal places by the code (Core rounds them), so both providers store the same value.
        e.HasIndex(x => new { x.UserId, x.Date });
        e.Property(x => x.Instrument).HasMaxLength(100);
        e.Property(x => x.Score).HasPrecision(9, 2);
        e.Property(x => x.Raw).HasPrecision(9, 2);
        e.Property(x => x.PackVersion).HasMaxLength(100);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
