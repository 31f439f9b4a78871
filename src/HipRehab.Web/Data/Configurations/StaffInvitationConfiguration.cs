using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitationRecord>
{
    public void Configure(EntityTypeBuilder<StaffInvitationRecord> e)
    {
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.Property(x => x.CodeHash).HasMaxLength(64);
        e.Property(x => x.NormalizedEmail).HasMaxLength(256);
        e.Property(x => x.Role).HasMaxLength(16);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}
