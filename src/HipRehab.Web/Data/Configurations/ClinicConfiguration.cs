using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HipRehab.Web.Data.Configurations;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<ClinicRecord>
{
    public void Configure(EntityTypeBuilder<ClinicRecord> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
    }
}
