using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ClearanceConfiguration : IEntityTypeConfiguration<ClearanceRecord>
{
    public void Configure(EntityTypeBuilder<ClearanceRecord> e)
    {
        e.HasIndex(x => new { x.PatientId, x.IntakeId });
        e.Property(x => x.RuleId).HasMaxLength(16);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
