using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class PatientInvitationConfiguration : IEntityTypeConfiguration<PatientInvitationRecord>
{
    public void Configure(EntityTypeBuilder<PatientInvitationRecord> e)
    {
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.Property(x => x.CodeHash).HasMaxLength(64);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}
