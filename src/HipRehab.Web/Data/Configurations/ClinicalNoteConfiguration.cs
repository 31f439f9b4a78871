using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ClinicalNoteConfiguration : IEntityTypeConfiguration<ClinicalNoteRecord>
{
    public void Configure(EntityTypeBuilder<ClinicalNoteRecord> e)
    {
        e.HasIndex(x => new { x.ClinicId, x.PatientId, x.CreatedAt });
        e.Property(x => x.Text).HasMaxLength(4000);
        e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        // Deleted with its owner, like every person-owned row.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
