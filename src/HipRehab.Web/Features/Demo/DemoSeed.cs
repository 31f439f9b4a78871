using System.Security.Cryptography;
using System.Text;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.CheckIns;
using HipRehab.Web.Features.Clinics;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;
using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Demo;

/// <summary>
/// <c>--seed-demo</c>: a demo clinic, a clinician who signs in with a password and an authenticator
/// code, and a dozen linked people with weeks of history — so a newcomer sees a populated dashboard.
/// History is made by the app's own services (intake screening, planner, progression, check-ins,
/// alerts) with a clock moved through each person's days, so every decision and alert is real and
/// carries its own date; it ends today by the app's clock. Running it again adds nothing.
/// </summary>
public static class DemoSeed
{
    public const string Flag = "--seed-demo";
    public const string ClinicName = "HipRehab Demo Clinic";
    public const string ClinicianEmail = "demo.clinician@example.org";
    public const string Issuer = "HipRehab";

    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    private static readonly TimeOnly s_checkInTime = new(7, 45);
    private static readonly TimeOnly s_intakeTime = new(9, 0);
    private static readonly TimeOnly s_sessionTime = new(17, 30);

    public static bool Requested(IEnumerable<string> args) => args.Contains(Flag, StringComparer.Ordinal);

    /// <summary>The arguments without the flag, so configuration does not read it as a key waiting for a value.</summary>
    public static string[] WithoutFlag(IEnumerable<string> args) => [.. args.Where(a => a != Flag)];

    public sealed record Login(string Email, string Password);

    /// <summary>What the seeding did, and how to sign in.</summary>
    /// <param name="ClinicId">The demo clinic.</param>
    /// <param name="ClinicCreated">False when the clinic was already there.</param>
    /// <param name="Clinician">The clinician's sign-in; a new password on every run, as only its hash is stored.</param>
    /// <param name="AuthenticatorKey">The clinician's TOTP shared key (base32); kept across runs.</param>
    /// <param name="Person">One demo person's sign-in.</param>
    /// <param name="Created">Names of people created by this run.</param>
    /// <param name="AlreadyThere">Names of people found from an earlier run and left alone.</param>
    public sealed record Result(Guid ClinicId, bool ClinicCreated, Login Clinician, string AuthenticatorKey, Login Person,
        IReadOnlyList<string> Created, IReadOnlyList<string> AlreadyThere)
    {
        public bool AddedNothing => !ClinicCreated && Created.Count == 0;
    }

    public static async Task<Result> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();

        var clinician = await users.FindByEmailAsync(ClinicianEmail) ?? await CreateUserAsync(users, ClinicianEmail);
        var clinicianPassword = await NewPasswordAsync(users, clinician);
        var key = await AuthenticatorKeyAsync(users, clinician);

        var clinic = await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.CreatedBy == clinician.Id && c.Name == ClinicName, ct);
        var clinicCreated = clinic is null;
        if (clinic is null)
        {
            clinic = ClinicEndpoints.AddClinic(db, ClinicName, clinician.Id, now.Date.AddDays(-7 * DemoPeople.MaxWeeks - 1).AddHours(9));
            await db.SaveChangesAsync(ct);
        }

        var missing = new List<(DemoPerson Person, int Seed)>();
        var already = new List<string>();
        for (var i = 0; i < DemoPeople.All.Count; i++)
        {
            var person = DemoPeople.All[i];
            // A person is the unit of idempotency: one found from an earlier run is left as it is.
            if (await users.FindByEmailAsync(person.Email) is not null)
            {
                already.Add(person.Name);
            }
            else
            {
                missing.Add((person, i));
            }
        }

        // People are independent of each other, and each one's history is written in order. SQLite
        // has a single writer, so there they are written one after another; PostgreSQL takes several
        // at once, which turns a wait of many round trips into a few seconds.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = db.Database.IsSqlite() ? 1 : 6, CancellationToken = ct };
        await Parallel.ForEachAsync(missing, parallel, async (m, token) => await WritePersonAsync(services, m.Person, m.Seed, clinic.Id, clinician.Id, now, token));
        var created = missing.Select(m => m.Person.Name).ToList();

        var withLogin = await users.FindByEmailAsync(DemoPeople.WithLogin.Email)
            ?? throw new InvalidOperationException("The demo person with a sign-in was not created.");
        var personPassword = await NewPasswordAsync(users, withLogin);
        return new Result(clinic.Id, clinicCreated, new Login(ClinicianEmail, clinicianPassword), key,
            new Login(withLogin.Email!, personPassword), created, already);
    }

    /// <summary>The console text: what was done, how to sign in with the second factor, and how to start.</summary>
    public static string Describe(Result r, string provider)
    {
        var groupedKey = string.Join(' ', r.AuthenticatorKey.Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(r.Clinician.Email)}?secret={r.AuthenticatorKey}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        var text = new StringBuilder();
        text.AppendLine($"HipRehab demo data ({provider} database)");
        text.AppendLine(r.AddedNothing
            ? "  The demo data was already here, so nothing was added."
            : $"  Clinic \"{ClinicName}\" {(r.ClinicCreated ? "created" : "already there")}; people created: {r.Created.Count}, already there: {r.AlreadyThere.Count}.");
        text.AppendLine($"  Clinic id: {r.ClinicId}");
        foreach (var (person, i) in DemoPeople.All.Select((p, i) => (p, i)))
        {
            var weeks = person.Story == DemoStory.AwaitingClearance ? "intake 2 days ago" : $"{person.Weeks} weeks";
            text.AppendLine($"    {i + 1,2}. {person.Name,-14} {person.Email,-28} {Words(person.Story)}, {weeks}");
        }

        text.AppendLine();
        text.AppendLine("Clinician sign-in (staff need a second factor to open patient data):");
        text.AppendLine($"  E-mail:    {r.Clinician.Email}");
        text.AppendLine($"  Password:  {r.Clinician.Password}");
        text.AppendLine($"  Authenticator key (time-based, 6 digits): {groupedKey}");
        text.AppendLine("    Add it to an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, ...)");
        text.AppendLine("    with \"Enter a setup key\", or turn this link into a QR code and scan it:");
        text.AppendLine($"    {uri}");
        text.AppendLine($"    No phone at hand? `oathtool --totp -b {r.AuthenticatorKey}` prints the current code.");
        text.AppendLine();
        text.AppendLine($"A demo person's sign-in (to see the person's pages): {r.Person.Email} / {r.Person.Password}");
        text.AppendLine("Passwords are stored only as hashes, so each run of --seed-demo sets and prints new ones; the authenticator key stays.");
        text.AppendLine();
        text.AppendLine("Start the app:  dotnet run --project src/HipRehab.Web   (with the same database settings)");
        text.AppendLine("The dashboard:  POST /api/v1/auth/login {\"email\", \"password\", \"twoFactorCode\"}, then with the access token");
        text.AppendLine($"                GET /api/v1/clinics/{r.ClinicId}/patients   (README.md, \"Demo data\")");
        return text.ToString();
    }

    private static string Words(DemoStory story) => story switch
    {
        DemoStory.RedFlag => "red flag at yesterday's check-in (urgent, plan paused)",
        DemoStory.Flare => "pain 8 at two check-ins in a row (see a clinician soon)",
        DemoStory.Worsening => "usual pain rising from 3 to 7",
        DemoStory.AwaitingClearance => "awaiting clearance (see-clinician-soon at intake)",
        DemoStory.LowAdherence => "low adherence in the last two weeks",
        DemoStory.Stalling => "stalling: pain steady at 4, doses held",
        _ => "improving: pain down, doses stepped up",
    };

    /// <summary>
    /// One person's history, day by day through the app's services, each constructed with a clock set
    /// to the moment of the event. Every step is saved as a request would save it.
    /// </summary>
    private static async Task WritePersonAsync(IServiceProvider services, DemoPerson person, int seed, Guid clinicId, string clinicianId,
        DateTime now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        var library = sp.GetRequiredService<ExerciseLibrary>();
        var clock = new TravelClock();
        var alerts = new AlertService(db, clock);
        var plans = new PlanService(db, library, clock);
        var escalation = new EscalationService(db, alerts, clock);
        var checkIns = new CheckInService(db, escalation, clock);
        var intakes = new IntakeService(db, escalation, clock);
        var sessions = new SessionService(db, escalation, sp.GetRequiredService<SessionWriter>(), new SessionBatch(db, library, sp.GetRequiredService<ConstraintsCache>(), clock), clock);

        var userId = (await CreateUserAsync(sp.GetRequiredService<UserManager<AppUser>>(), person.Email)).Id;
        var today = DateOnly.FromDateTime(now);
        var start = today.AddDays(-person.Days);

        // Day one: the intake is screened, a plan is made (or refused until a clinician clears it),
        // and the person links with a code the clinic gave them.
        clock.Set(start, s_intakeTime);
        var intake = IntakeStore.Validate(person.Intake, clock, out var errors)
            ?? throw new InvalidOperationException($"Demo intake of {person.Name} is invalid: {string.Join("; ", errors!.Keys)}");
        intake.UserId = userId;
        await intakes.SaveAsync(intake, ct);

        clock.Set(start, s_intakeTime.AddMinutes(5));
        var plan = await plans.CreateAsync(userId, ct);
        var expected = person.Story == DemoStory.AwaitingClearance ? PlanService.CreateOutcome.Blocked : PlanService.CreateOutcome.Created;
        if (plan.Outcome != expected)
        {
            throw new InvalidOperationException($"Demo plan of {person.Name}: {plan.Outcome}, expected {expected}.");
        }

        clock.Set(start, s_intakeTime.AddMinutes(10));
        var (code, _) = ClinicEndpoints.AddPatientInvitation(db, clinicId, clinicianId, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        clock.Set(start, s_intakeTime.AddMinutes(12));
        _ = await ClinicLinkEndpoints.RedeemAsync(db, userId, code, clock.UtcNow, ct)
            ?? throw new InvalidOperationException("A fresh patient code did not redeem.");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        if (person.Story == DemoStory.AwaitingClearance)
        {
            return;
        }

        var exercisedYesterday = false;
        for (var day = 0; day <= person.Days; day++)
        {
            var date = start.AddDays(day);
            var plan0 = DemoDay.Of(person.Story, seed, day, person.Days);
            // Events later than now today have not happened yet.
            if (day > 0 && (exercisedYesterday || plan0.MustCheckIn) && clock.Set(date, s_checkInTime) <= now)
            {
                var (_, checkInErrors) = await checkIns.RecordAsync(userId,
                    new CheckInRequest(date, plan0.UsualPain, plan0.Settled, plan0.RedFlags), ct);
                if (checkInErrors is not null)
                {
                    throw new InvalidOperationException($"Demo check-in of {person.Name} on {date}: {string.Join("; ", checkInErrors.Keys)}");
                }

                db.ChangeTracker.Clear();
            }

            exercisedYesterday = false;
            if (!plan0.Exercises || clock.Set(date, s_sessionTime) > now)
            {
                continue;
            }

            var current = await plans.CurrentAsync(userId, ct);
            var due = current is { Status: PlanStatus.Active }
                ? current.Items.Where(i => StoredJson.Read<List<DayOfWeek>>(i.DaysJson).Contains(date.DayOfWeek)).OrderBy(i => i.Position).ToList()
                : [];
            if (due.Count == 0)
            {
                continue;
            }

            var performedAt = new DateTimeOffset(clock.UtcNow, TimeSpan.Zero);
            clock.Set(date, s_sessionTime.AddMinutes(35));
            var request = new SessionRequest(performedAt, plan0.UsualPain, plan0.PainDuring, [.. due.Select(i => new SessionExerciseRequest(i.Id,
                plan0.FullDose ? i.Sets : Math.Max(1, i.Sets - 1), i.Reps, i.HoldSeconds, plan0.PainDuring, plan0.Effort,
                plan0.PainDuring >= 4 ? "It ached towards the end." : null))]);
            var logged = await sessions.LogNowAsync(userId, $"demo-{date:yyyy-MM-dd}", request);
            if (logged.Outcome != SessionOutcome.Created)
            {
                throw new InvalidOperationException($"Demo session of {person.Name} on {date}: {logged.Outcome} {string.Join("; ", logged.Errors?.Keys ?? [])}");
            }

            db.ChangeTracker.Clear();
            exercisedYesterday = true;
        }
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string email)
    {
        // No password: demo people do not sign in (one is given a password afterwards).
        var user = new AppUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user);
        return result.Succeeded ? user : throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>Sets a new random password (100 bits) and clears any lockout; returns it.</summary>
    private static async Task<string> NewPasswordAsync(UserManager<AppUser> users, AppUser user)
    {
        var password = string.Join('-', RandomNumberGenerator.GetString(PasswordAlphabet, 20).Chunk(5).Select(c => new string(c)));
        if (await users.HasPasswordAsync(user))
        {
            Check(await users.RemovePasswordAsync(user));
        }

        Check(await users.AddPasswordAsync(user, password));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        return password;
    }

    /// <summary>The clinician's authenticator key, made on the first run and kept after, with two-factor sign-in on.</summary>
    private static async Task<string> AuthenticatorKeyAsync(UserManager<AppUser> users, AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was made.");
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return key;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A clock the seeder moves through a person's days, so each record carries its own date.</summary>
    private sealed class TravelClock : TimeProvider
    {
        public DateTime UtcNow { get; private set; }

        /// <summary>Moves to <paramref name="time"/> on <paramref name="date"/> (UTC) and returns that moment.</summary>
        public DateTime Set(DateOnly date, TimeOnly time) => UtcNow = date.ToDateTime(time, DateTimeKind.Utc);

        public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
    }
}
