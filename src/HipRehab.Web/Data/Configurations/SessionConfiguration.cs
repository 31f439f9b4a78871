using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    public void Configure(EntityTypeBuilder<SessionRecord> e)
    {
        // The idempotency guarantee rests on this unique index: concurrent duplicates collide here.
        e.HasIndex(x => new { x.UserId, x.IdempotencyKey }).IsUnique();
        e.HasIndex(x => new { x.UserId, x.PerformedAt });
        e.Property(x => x.IdempotencyKey).HasMaxLength(100);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.HasMany(x => x.Exercises).WithOne().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
