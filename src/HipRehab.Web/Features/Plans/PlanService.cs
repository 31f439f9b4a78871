using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Plans;

/// <summary>Creates and reads plans; shared by the API and the pages.</summary>
public sealed class PlanService(AppDb db, ExerciseLibrary library, TimeProvider clock)
{
    /// <summary>How many past decisions each item shows.</summary>
    public const int HistoryPerItem = 5;

    public enum CreateOutcome { Created, NoIntake, Blocked, Paused }

    public sealed record CreateResult(CreateOutcome Outcome, PlanRecord? Plan, ScreeningResult? Screening);

    /// <summary>
    /// Builds a new plan from the latest intake; the previous plan is kept as history (replaced).
    /// Refused when screening is urgent-care, not-eligible, or an uncleared see-clinician-soon.
    /// </summary>
    public async Task<CreateResult> CreateAsync(string userId, CancellationToken ct)
    {
        var intakeRecord = await IntakeStore.LatestAsync(db, userId, ct);
        if (intakeRecord is null)
        {
            return new(CreateOutcome.NoIntake, null, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var screening = IntakeStore.Screening(intakeRecord);
        // A see-clinician-soon finding a linked clinician cleared no longer blocks (docs/clinical-rules.md §1).
        var cleared = await IntakeClearances.ClearedRuleIdsAsync(db, userId, intakeRecord.Id, ct);
        if (screening.OutcomeAfter(cleared) is not (ScreeningOutcome.Clear or ScreeningOutcome.Advice))
        {
            return new(CreateOutcome.Blocked, null, screening);
        }

        // A plan paused by a warning sign at a check-in stays paused until its see-clinician-soon
        // findings are cleared by a linked clinician and, after an urgent-care finding, the person has
        // answered the intake again since the pause (E1R). A new intake alone never lifts it.
        var current = await db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (current is { Status: PlanStatus.Paused })
        {
            var findings = PlanPause.Findings(current);
            var clearedForPause = await PlanPause.ClearedAsync(db, userId, findings, ct);
            var screenedAgain = intakeRecord.CreatedAt > (current.PausedAt ?? DateTime.MaxValue);
            if (!PlanPause.CanResume(findings, clearedForPause, screenedAgain))
            {
                return new(CreateOutcome.Paused, current, screening);
            }
        }

        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, userId, ct);
        var fallRisk = await ClinicalRecords.FallRiskAsync(db, userId, ct);
        var draft = Planner.Plan(IntakeStore.Intake(intakeRecord, today), screening, library, today,
            new PlanningOptions(ClearedRuleIds: cleared, RecordedPrecautions: recorded, FallRisk: fallRisk));
        var previous = await db.Plans.Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).ToListAsync(ct);
        foreach (var p in previous)
        {
            p.Status = PlanStatus.Replaced;
        }

        var version = await db.Plans.Where(p => p.UserId == userId).Select(p => (int?)p.Version).MaxAsync(ct) ?? 0;
        var plan = new PlanRecord
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Version = version + 1,
            CreatedAt = now,
            Status = PlanStatus.Active,
            FallRisk = fallRisk,
            IntakeId = intakeRecord.Id,
            ExcludedJson = StoredJson.Write(draft.Excluded),
            AdviceJson = StoredJson.Write(draft.Advice),
        };
        var position = 0;
        foreach (var item in draft.Items)
        {
            var record = new PlanItemRecord
            {
                Id = Guid.CreateVersion7(), PlanId = plan.Id, UserId = userId, Position = position++, Family = item.Family,
                ExerciseId = item.ExerciseId, Sets = 0, RestSeconds = 0, PerSide = false, DaysPerWeek = 0,
                DaysJson = StoredJson.Write(item.Days), WhyJson = StoredJson.Write(item.Why), Pinned = false,
            };
            PlanMapping.SetDose(record, item.ExerciseId, item.Dose);
            plan.Items.Add(record);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return new(CreateOutcome.Created, plan, screening);
    }

    /// <summary>The current plan (active or paused) with its items, or null.</summary>
    public Task<PlanRecord?> CurrentAsync(string userId, CancellationToken ct) =>
        db.Plans.AsNoTracking().Include(p => p.Items)
            .Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(ct);

    private static readonly Func<AppDb, Guid, int, IAsyncEnumerable<DecisionRecord>> s_history = EF.CompileAsyncQuery<AppDb, Guid, int, DecisionRecord>(
        (db, itemId, take) => db.Decisions.AsNoTracking().Where(d => d.PlanItemId == itemId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take));

    /// <summary>The plan with each item's latest decisions: one short indexed read per item, whatever the history's length.</summary>
    public async Task<PlanResponse> ToResponseAsync(PlanRecord plan, CancellationToken ct)
    {
        var history = new List<DecisionRecord>();
        foreach (var item in plan.Items)
        {
            await foreach (var d in s_history(db, item.Id, HistoryPerItem).WithCancellation(ct))
            {
                history.Add(d);
            }
        }

        var clearances = await IntakeClearances.ClearancesAsync(db, plan.UserId, plan.IntakeId, ct);
        // A clinic's own exercise is named and described from that clinic's content.
        var lib = plan.Items.Any(i => library.FindVariant(i.ExerciseId) is null)
            ? await ClinicLibrary.ForPersonAsync(db, library, plan.UserId, ct)
            : library;
        return PlanMapping.ToResponse(plan, lib, history.ToLookup(d => d.PlanItemId), clearances);
    }
}
