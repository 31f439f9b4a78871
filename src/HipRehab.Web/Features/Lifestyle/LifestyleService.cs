using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Lifestyle;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Lifestyle;

/// <summary>
/// Weight and activity records (docs/clinical-rules.md §7). The figures and words are Core's
/// (<see cref="Body"/>, <see cref="Activity"/>); weight is only ever an offer of support and never
/// blocks anything (L2). Shared by the API and the progress page.
/// </summary>
public sealed class LifestyleService(AppDb db, ExerciseLibrary library, TimeProvider clock)
{
    /// <summary>The kinds of moderate activity a person can log; anything else is "other".</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["walking", "cycling", "swimming", "water-exercise", "gardening", "dancing", "other"];

    /// <summary>Lists return at most this many entries, the newest.</summary>
    public const int MaxListed = 500;

    private const int MinutesPerDay = 24 * 60;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<(BodyMeasurementCreated? Created, IDictionary<string, string[]>? Errors)> AddWeightAsync(string userId, BodyMeasurementForm form, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var validated = Body.Validate(form, DateOnly.FromDateTime(now));
        if (!validated.IsValid)
        {
            return (null, new Dictionary<string, string[]>(validated.Errors));
        }

        var record = new BodyMeasurementRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, Date = validated.Value!.Date,
            // Kept to 0.01 kg, the column's precision on both providers.
            WeightKg = Math.Round(validated.Value.WeightKg, 2, MidpointRounding.AwayFromZero), CreatedAt = now,
        };
        db.BodyMeasurements.Add(record);
        await db.SaveChangesAsync(ct);

        var baseline = await BaselineAsync(userId, ct);
        var summary = Body.Summarise(baseline.HeightCm, baseline.BaselineWeightKg, await WeightsAsync(userId, ct));
        return (new BodyMeasurementCreated(record.Id, record.Date, record.WeightKg, summary), null);
    }

    public async Task<(ActivityCreated? Created, IDictionary<string, string[]>? Errors)> AddActivityAsync(string userId, ActivityRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var validated = Activity.Validate(new ActivityForm { Date = request.Date, Minutes = request.Minutes }, today);
        var errors = new Dictionary<string, string[]>(validated.Errors);
        var kind = request.Kind is null ? "walking" : Kinds.FirstOrDefault(k => string.Equals(k, request.Kind.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            errors["kind"] = [$"'{request.Kind}' is not a kind we know. Use one of: {string.Join(", ", Kinds)}."];
        }

        if (errors.Count == 0)
        {
            // A day has 1440 minutes; more than that across entries is a typing mistake.
            var date = validated.Value!.Date;
            var already = await db.Activities.AsNoTracking().Where(a => a.UserId == userId && a.Date == date).SumAsync(a => a.Minutes, ct);
            if (already + validated.Value.Minutes > MinutesPerDay)
            {
                errors["minutes"] = [$"You already have {already} minutes on {date:yyyy-MM-dd}; a day has {MinutesPerDay}."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var record = new ActivityEntryRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, Date = validated.Value!.Date, Minutes = validated.Value.Minutes, Kind = kind!, CreatedAt = now,
        };
        db.Activities.Add(record);
        await db.SaveChangesAsync(ct);
        var week = Activity.Week(await ActivitiesAsync(userId, today.AddDays(-(Activity.WindowDays - 1)), ct), today);
        return (new ActivityCreated(record.Id, record.Date, record.Minutes, record.Kind, week), null);
    }

    /// <summary>Height from the latest intake that gave one; the starting weight from the first intake that gave one.</summary>
    public async Task<BodyBaseline> BaselineAsync(string userId, CancellationToken ct)
    {
        var forms = await db.Intakes.AsNoTracking().Where(i => i.UserId == userId).OrderBy(i => i.CreatedAt).Select(i => i.FormJson).ToListAsync(ct);
        var read = forms.Select(StoredJson.Read<IntakeForm>).ToList();
        return new BodyBaseline(read.LastOrDefault(f => f.HeightCm is > 0)?.HeightCm, read.FirstOrDefault(f => f.WeightKg is > 0)?.WeightKg);
    }

    /// <summary>Every weight of the person, oldest first.</summary>
    public async Task<List<BodyMeasurement>> WeightsAsync(string userId, CancellationToken ct) =>
        [.. (await db.BodyMeasurements.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Date).ThenBy(m => m.CreatedAt)
            .Select(m => new { m.Date, m.WeightKg }).ToListAsync(ct)).Select(m => new BodyMeasurement(m.Date, m.WeightKg))];

    /// <summary>
    /// Rest and activity guidance for a day (D1, D4, L3): from the strength days of the current plan
    /// and whether strength exercises were logged the day before. Empty without an active plan.
    /// For the Today page only: the Today API stays two queries (it is the app's hottest read).
    /// </summary>
    public async Task<IReadOnlyList<Guidance>> GuidanceAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version)
            .Select(p => new { p.Id, p.Status }).FirstOrDefaultAsync(ct);
        if (plan is not { Status: PlanStatus.Active })
        {
            return [];
        }

        var items = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == plan.Id && i.UserId == userId && !i.OnHold)
            .Select(i => new { i.ExerciseId, i.DaysJson }).ToListAsync(ct);
        var yesterday = date.AddDays(-1);
        var loggedYesterday = await db.ExerciseLogs.AsNoTracking().Where(l => l.UserId == userId && l.PerformedOn == yesterday)
            .Select(l => l.PrescribedExerciseId).Distinct().ToListAsync(ct);
        // A clinic's own exercise is described by that clinic's content.
        var lib = items.Select(i => i.ExerciseId).Concat(loggedYesterday).Any(id => library.FindVariant(id) is null)
            ? await ClinicLibrary.ForPersonAsync(db, library, userId, ct)
            : library;
        bool Strength(string exerciseId) => lib.FindVariant(exerciseId)?.Category == Category.Strengthening;

        var strengthDays = items.Where(i => Strength(i.ExerciseId)).SelectMany(i => JsonTextCache.Read<List<DayOfWeek>>(i.DaysJson)).ToHashSet();
        DateOnly[] strengthSessionDays = loggedYesterday.Any(Strength) ? [yesterday] : [];
        return RestGuidance.For(date, strengthDays, strengthSessionDays);
    }

    /// <summary>Activity from <paramref name="from"/> on, as Core reads it.</summary>
    public async Task<List<ActivityRecord>> ActivitiesAsync(string userId, DateOnly from, CancellationToken ct) =>
        [.. (await db.Activities.AsNoTracking().Where(a => a.UserId == userId && a.Date >= from)
            .Select(a => new { a.Date, a.Minutes }).ToListAsync(ct)).Select(a => new ActivityRecord(a.Date, a.Minutes))];
}
