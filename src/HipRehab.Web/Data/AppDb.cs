using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Data;

/// <summary>
/// The app's database. Two subclasses exist only so that each provider keeps its own migration
/// set (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>); code depends on this type.
/// </summary>
public abstract class AppDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys live in the database so that every web node can read every node's tokens and cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IntakeRecord> Intakes => Set<IntakeRecord>();
    public DbSet<PlanRecord> Plans => Set<PlanRecord>();
    public DbSet<PlanItemRecord> PlanItems => Set<PlanItemRecord>();
    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();
    public DbSet<ExerciseLogRecord> ExerciseLogs => Set<ExerciseLogRecord>();
    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();
    public DbSet<CheckInRecord> CheckIns => Set<CheckInRecord>();
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<OutcomeRecord> Outcomes => Set<OutcomeRecord>();
    public DbSet<BodyMeasurementRecord> BodyMeasurements => Set<BodyMeasurementRecord>();
    public DbSet<ActivityEntryRecord> Activities => Set<ActivityEntryRecord>();
    public DbSet<ClinicRecord> Clinics => Set<ClinicRecord>();
    public DbSet<ClinicStaffRecord> ClinicStaff => Set<ClinicStaffRecord>();
    public DbSet<StaffInvitationRecord> StaffInvitations => Set<StaffInvitationRecord>();
    public DbSet<PatientInvitationRecord> PatientInvitations => Set<PatientInvitationRecord>();
    public DbSet<ClinicLinkRecord> ClinicLinks => Set<ClinicLinkRecord>();
    public DbSet<ClinicalNoteRecord> ClinicalNotes => Set<ClinicalNoteRecord>();
    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();
    public DbSet<ClearanceRecord> Clearances => Set<ClearanceRecord>();
    public DbSet<PatientPrecautionRecord> PatientPrecautions => Set<PatientPrecautionRecord>();
    public DbSet<CustomExerciseRecord> CustomExercises => Set<CustomExerciseRecord>();

    /// <summary>Whose records this context may read (global query filters); set when the context is handed out.</summary>
    public CallerScope Caller { get; set; } = new();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit log is append-only: a change or deletion of an entry is a programmer error, never saved.</summary>
    private void GuardAuditLog()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntryRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Audit entry {entry.Entity.Id} cannot be changed or deleted: the audit log is append-only.");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC, read back as UTC: SQLite keeps no kind, and the API's timestamps end in Z.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <summary>
    /// The global query filter of a person-owned table: rows of the caller, of the person a staff
    /// member opened, or of a person linked now to the clinic they opened (<see cref="CallerScope"/>).
    /// </summary>
    private void OwnedBy<T>(ModelBuilder builder, Expression<Func<T, string>> owner) where T : class
    {
        Expression<Func<string, bool>> visible = id => Caller.Everyone || id == Caller.UserId || id == Caller.OpenedPatientId
            || (Caller.OpenedClinicId != null
                && Set<ClinicLinkRecord>().Any(l => l.ClinicId == Caller.OpenedClinicId && l.EndedAt == null && l.UserId == id));
        var body = new Substitute(visible.Parameters[0], owner.Body).Visit(visible.Body);
        builder.Entity<T>().HasQueryFilter(Expression.Lambda<Func<T, bool>>(body, owner.Parameters[0]));
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Tenant isolation in depth: every person-owned row is kept to the caller's scope
        // (CallerScope), whatever the handler's own query says.
        OwnedBy<IntakeRecord>(builder, x => x.UserId);
        OwnedBy<PlanRecord>(builder, x => x.UserId);
        OwnedBy<PlanItemRecord>(builder, x => x.UserId);
        OwnedBy<SessionRecord>(builder, x => x.UserId);
        OwnedBy<ExerciseLogRecord>(builder, x => x.UserId);
        OwnedBy<DecisionRecord>(builder, x => x.UserId);
        OwnedBy<CheckInRecord>(builder, x => x.UserId);
        OwnedBy<AlertRecord>(builder, x => x.UserId);
        OwnedBy<OutcomeRecord>(builder, x => x.UserId);
        OwnedBy<BodyMeasurementRecord>(builder, x => x.UserId);
        OwnedBy<ActivityEntryRecord>(builder, x => x.UserId);
        OwnedBy<ClearanceRecord>(builder, x => x.PatientId);
        OwnedBy<PatientPrecautionRecord>(builder, x => x.PatientId);
        OwnedBy<ClinicalNoteRecord>(builder, x => x.PatientId);

        builder.Entity<IntakeRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
            e.Property(x => x.ScreeningOutcome).HasMaxLength(32);
        });
        builder.Entity<PlanRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Version }).IsUnique();
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.PausedFindingsJson).HasDefaultValue("[]");
            e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlanItemRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.PlanId });
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Property(x => x.Family).HasMaxLength(100);
            e.Property(x => x.ExerciseId).HasMaxLength(100);
            e.Property(x => x.Band).HasMaxLength(16);
        });
        builder.Entity<SessionRecord>(e =>
        {
            // The idempotency guarantee rests on this unique index: concurrent duplicates collide here.
            e.HasIndex(x => new { x.UserId, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.UserId, x.PerformedAt });
            e.Property(x => x.IdempotencyKey).HasMaxLength(100);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.HasMany(x => x.Exercises).WithOne().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ExerciseLogRecord>(e =>
        {
            // Progression reads the newest few logs of one item: this index keeps that read short
            // however long the history grows.
            e.HasIndex(x => new { x.PlanItemId, x.PerformedAt, x.Id });
            e.HasIndex(x => new { x.UserId, x.PerformedOn });
            e.Property(x => x.PrescribedExerciseId).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
        });
        builder.Entity<DecisionRecord>(e =>
        {
            e.HasIndex(x => new { x.PlanItemId, x.CreatedAt, x.Id });
            e.HasIndex(x => x.SessionId);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.ActorId).HasMaxLength(450);
            e.Property(x => x.ActorEmail).HasMaxLength(256);
        });
        builder.Entity<CheckInRecord>(e => e.HasIndex(x => new { x.UserId, x.Date }));
        builder.Entity<PlanRecord>().HasIndex(x => new { x.UserId, x.Status });
        builder.Entity<AlertRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Status });
            e.Property(x => x.RuleId).HasMaxLength(16);
            e.Property(x => x.Severity).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(16);
        });

        // Scores are kept to 2 decimal places by the code (Core rounds them), so both providers store the same value.
        builder.Entity<OutcomeRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Date });
            e.Property(x => x.Instrument).HasMaxLength(100);
            e.Property(x => x.Score).HasPrecision(9, 2);
            e.Property(x => x.Raw).HasPrecision(9, 2);
            e.Property(x => x.PackVersion).HasMaxLength(100);
        });
        builder.Entity<BodyMeasurementRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Date });
            e.Property(x => x.WeightKg).HasPrecision(6, 2);
        });
        builder.Entity<ActivityEntryRecord>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Date });
            e.Property(x => x.Kind).HasMaxLength(32);
        });

        builder.Entity<ClinicRecord>(e => e.Property(x => x.Name).HasMaxLength(200));
        builder.Entity<ClinicStaffRecord>(e =>
        {
            e.HasIndex(x => new { x.ClinicId, x.UserId }).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Role).HasMaxLength(16);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StaffInvitationRecord>(e =>
        {
            e.HasIndex(x => x.CodeHash).IsUnique();
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.NormalizedEmail).HasMaxLength(256);
            e.Property(x => x.Role).HasMaxLength(16);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PatientInvitationRecord>(e =>
        {
            e.HasIndex(x => x.CodeHash).IsUnique();
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ClinicLinkRecord>(e =>
        {
            // Both directions are hot: a clinic's patients, and a person's clinics.
            e.HasIndex(x => new { x.ClinicId, x.UserId, x.EndedAt });
            e.HasIndex(x => new { x.UserId, x.EndedAt });
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ClinicalNoteRecord>(e =>
        {
            e.HasIndex(x => new { x.ClinicId, x.PatientId, x.CreatedAt });
            e.Property(x => x.Text).HasMaxLength(4000);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntryRecord>(e =>
        {
            e.HasIndex(x => new { x.ClinicId, x.At, x.Id });
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(500);
        });

        builder.Entity<ClearanceRecord>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.IntakeId });
            e.Property(x => x.RuleId).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PatientPrecautionRecord>(e =>
        {
            e.HasIndex(x => x.PatientId).IsUnique();
            e.Property(x => x.Set).HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CustomExerciseRecord>(e =>
        {
            e.HasIndex(x => new { x.ClinicId, x.Family }).IsUnique();
            e.Property(x => x.Family).HasMaxLength(100);
            e.HasOne<ClinicRecord>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });

        // Every person-owned row is deleted with its owner.
        builder.Entity<ClearanceRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<PatientPrecautionRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ClinicLinkRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ClinicalNoteRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<IntakeRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<PlanRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<SessionRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<CheckInRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<AlertRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<OutcomeRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<BodyMeasurementRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ActivityEntryRecord>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<DecisionRecord>().HasOne<PlanItemRecord>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
