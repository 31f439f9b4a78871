using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class PatientPrecautionConfiguration : IEntityTypeConfiguration<PatientPrecautionRecord>
{
    public void Configure(EntityTypeBuilder<PatientPrecautionRecord> e)
    {
        e.HasIndex(x => x.PatientId).IsUnique();
        e.Property(x => x.Set).HasMaxLength(16);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
