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

        // One configuration per entity (Data/Configurations): indexes, lengths, keys and cascades.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
