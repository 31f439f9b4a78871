using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    public void Configure(EntityTypeBuilder<AuditEntryRecord> e)
    {
        e.HasIndex(x => new { x.ClinicId, x.At, x.Id });
        e.Property(x => x.Action).HasMaxLength(64);
        e.Property(x => x.Outcome).HasMaxLength(64);
        e.Property(x => x.Detail).HasMaxLength(500);
    }
}
