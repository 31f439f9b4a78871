using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ClinicStaffConfiguration : IEntityTypeConfiguration<ClinicStaffRecord>
{
    public void Configure(EntityTypeBuilder<ClinicStaffRecord> e)
    {
        e.HasIndex(x => new { x.ClinicId, x.UserId }).IsUnique();
        e.HasIndex(x => x.UserId);
        e.Property(x => x.Role).HasMaxLength(16);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
