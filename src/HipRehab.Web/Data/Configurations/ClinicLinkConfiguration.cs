using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ClinicLinkConfiguration : IEntityTypeConfiguration<ClinicLinkRecord>
{
    public void Configure(EntityTypeBuilder<ClinicLinkRecord> e)
    {
        // Both directions are hot: a clinic's patients, and a person's clinics.
        e.HasIndex(x => new { x.ClinicId, x.UserId, x.EndedAt });
        e.HasIndex(x => new { x.UserId, x.EndedAt });
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
