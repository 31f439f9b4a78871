using System.Security.Cryptography;
using System.Text;
using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Logs a session and applies progression to every item in it, in one transaction together with
/// the idempotency key — so a session is never lost, never stored twice, and every plan change
/// is kept as history. Shared by the API and the session player page.
/// </summary>
public sealed class SessionService(AppDb db, ExerciseLibrary library, AlertService alerts, ConstraintsCache constraintsCache, SessionWriter writer, TimeProvider clock)
{
    public const int MaxKeyLength = 100;
    public const int MaxExercises = 20;

    /// <summary>A session may be stamped this far ahead of the server's clock (phones drift).</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    public enum Outcome { Created, Replayed, KeyReused, Invalid, PlanPaused }

    public sealed record Result(Outcome Outcome, SessionResponse? Response, string? ResponseJson, IDictionary<string, string[]>? Errors);

    public async Task<Result> LogAsync(string userId, string idempotencyKey, SessionRequest request, CancellationToken ct)
    {
        var hash = Hash(request);
        if (await FindExistingAsync(userId, idempotencyKey, hash, ct) is { } existing)
        {
            return existing;
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, null, null, errors);
        }

        // Written by the session writer together with other sessions waiting at that moment: one
        // transaction and one durable commit for all of them, answered only after that commit.
        return await writer.SubmitAsync(new SessionWriter.Job(userId, idempotencyKey, hash, request), ct);
    }

    /// <summary>
    /// Writes one queued session inside the writer's open transaction. Runs in the writer's own
    /// scope, so this service's context is the batch's context. Earlier sessions of the same batch
    /// are already saved (not yet committed) in that transaction, so this one reads them like any
    /// other history. A failed save is rolled back to its savepoint and leaves the batch intact.
    /// </summary>
    internal async Task<Result> WriteInBatchAsync(SessionWriter.Job job)
    {
        var ct = CancellationToken.None;
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            if (await FindExistingAsync(job.UserId, job.Key, job.Hash, ct) is { } existing)
            {
                // A duplicate of a session already stored, or of one earlier in this batch.
                return existing;
            }

            try
            {
                return await LogOnceAsync(job.UserId, job.Key, job.Hash, job.Request, ct);
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Another node stored this key first (unique index), or changed one of these items
                // first (revision check): read again and decide from fresh data.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    internal AppDb Db => db;

    private async Task<Result?> FindExistingAsync(string userId, string key, string hash, CancellationToken ct)
    {
        var existing = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.IdempotencyKey == key)
            .Select(s => new { s.RequestHash, s.ResponseJson })
            .FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == hash
            ? new(Outcome.Replayed, StoredJson.Read<SessionResponse>(existing.ResponseJson), existing.ResponseJson, null)
            : new(Outcome.KeyReused, null, null, null);
    }

    private sealed record PlanHead(Guid Id, string Status, Guid IntakeId);

    private static readonly Func<AppDb, string, Task<PlanHead?>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != "replaced").OrderByDescending(p => p.Version)
            .Select(p => new PlanHead(p.Id, p.Status, p.IntakeId)).FirstOrDefault());

    private static readonly Func<AppDb, Guid, IAsyncEnumerable<ExerciseLogRecord>> s_recentLogs = EF.CompileAsyncQuery<AppDb, Guid, ExerciseLogRecord>((db, itemId) =>
        db.ExerciseLogs.AsNoTracking().Where(l => l.PlanItemId == itemId)
            .OrderByDescending(l => l.PerformedAt).ThenByDescending(l => l.Id).Take(ProgressionEngine.SessionWindow));

    private static readonly Func<AppDb, string, DateOnly, IAsyncEnumerable<CheckIn>> s_checkIns = EF.CompileAsyncQuery<AppDb, string, DateOnly, CheckIn>((db, userId, from) =>
        db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date >= from)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(ProgressionEngine.CheckInWindowDays * 4)
            .Select(c => new CheckIn(c.Date, c.UsualPain, c.SettledSinceLastSession)));

    /// <summary>
    /// Reads first, without holding the database's write lock, then writes everything — the session,
    /// its logs, the decisions, the changed items and the idempotency key — in one SaveChanges, which is
    /// one short transaction and one durable commit. Every decided item's revision is bumped, so two
    /// sessions racing on one item cannot both apply a decision made from the same history: the loser
    /// retries with fresh data.
    /// </summary>
    private async Task<Result> LogOnceAsync(string userId, string key, string hash, SessionRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var performedAt = request.PerformedAt!.Value.UtcDateTime;
        var performedOn = DateOnly.FromDateTime(performedAt);

        var plan = await s_plan(db, userId);
        var ids = request.Exercises!.Select(e => e.PlanItemId!.Value).ToList();
        var items = plan is null
            ? []
            : await db.PlanItems.Where(i => i.UserId == userId && i.PlanId == plan.Id && ids.Contains(i.Id)).ToListAsync(ct);
        var unknown = new Dictionary<string, string[]>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!items.Any(x => x.Id == ids[i]))
            {
                // The same answer for an item that does not exist and one that is someone else's.
                unknown[$"exercises[{i}].planItemId"] = ["This is not an exercise of your current plan."];
            }
        }

        if (unknown.Count > 0)
        {
            return new(Outcome.Invalid, null, null, unknown);
        }

        if (plan!.Status == "paused")
        {
            return new(Outcome.PlanPaused, null, null, null);
        }

        var constraints = await constraintsCache.GetAsync(plan.IntakeId, today, ct);
        var checkIns = new List<CheckIn>();
        await foreach (var c in s_checkIns(db, userId, performedOn.AddDays(-ProgressionEngine.CheckInWindowDays)).WithCancellation(ct))
        {
            checkIns.Add(c);
        }

        var session = new SessionRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, PlanId = plan.Id, PerformedAt = performedAt, PainBefore = request.PainBefore,
            PainAfter = request.PainAfter, CreatedAt = now, IdempotencyKey = key, RequestHash = hash, ResponseJson = "",
        };

        var decisions = new List<SessionDecision>();
        foreach (var e in request.Exercises!)
        {
            var item = items.First(x => x.Id == e.PlanItemId);
            var log = new ExerciseLogRecord
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, UserId = userId, PlanItemId = item.Id, PerformedOn = performedOn,
                PerformedAt = performedAt, PrescribedExerciseId = item.ExerciseId,
                PrescribedDoseJson = StoredJson.Write(PlanMapping.DoseOf(item)),
                CompletedSets = e.CompletedSets!.Value, CompletedReps = e.CompletedReps, CompletedHoldSeconds = e.CompletedHoldSeconds,
                PainDuring = e.PainDuring!.Value, Effort = e.Effort!.Value, Note = string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim(),
            };
            session.Exercises.Add(log);
        }

        foreach (var item in items.OrderBy(i => i.Position))
        {
            var log = session.Exercises.First(l => l.PlanItemId == item.Id);
            var decision = await DecideAsync(item, log, constraints, checkIns, ct);
            var previous = new PrescriptionResponse(decision.Previous.ExerciseId, decision.Previous.Dose);
            var next = new PrescriptionResponse(decision.Next.ExerciseId, decision.Next.Dose);
            if (decision.Next != decision.Previous)
            {
                PlanMapping.SetDose(item, decision.Next.ExerciseId, decision.Next.Dose);
            }

            item.Revision++;
            db.Decisions.Add(new DecisionRecord
            {
                Id = Guid.CreateVersion7(), UserId = userId, PlanItemId = item.Id, SessionId = session.Id, CreatedAt = now,
                Action = Vocab<ProgressionAction>.Name(decision.Action), RuleIdsJson = StoredJson.Write(decision.RuleIds),
                Explanation = decision.Explanation, PreviousJson = StoredJson.Write(previous), NextJson = StoredJson.Write(next),
            });
            decisions.Add(new SessionDecision(item.Id, item.Family, decision.Action, decision.RuleIds, decision.Explanation, previous, next));
        }

        var raised = new List<AlertResponse>();
        var highest = request.Exercises!.Select(e => e.PainDuring!.Value).Append(request.PainBefore ?? 0).Append(request.PainAfter ?? 0).Max();
        if (highest >= CheckIns.CheckInService.VeryHighPain)
        {
            var (alert, _) = await alerts.RaiseAsync(userId, "E5", Severity.Info,
                $"You rated your pain {highest} out of 10 in this session. Please stop exercising for today and rest. If it is still this high at your next check-in, see a physical therapist or doctor. (E5)", ct);
            raised.Add(AlertResponse.From(alert));
        }

        var response = new SessionResponse(session.Id, performedAt, decisions, raised);
        session.ResponseJson = StoredJson.Write(response);
        db.Sessions.Add(session);
        // One SaveChanges: one transaction, one durable commit. A concurrent duplicate key fails
        // here on the unique index and nothing of this request is written.
        await db.SaveChangesAsync(ct);
        return new(Outcome.Created, response, session.ResponseJson, null);
    }

    private async Task<ProgressionDecision> DecideAsync(PlanItemRecord item, ExerciseLogRecord newLog, PersonConstraints constraints,
        List<CheckIn> checkIns, CancellationToken ct)
    {
        var state = new ItemState(PlanMapping.PrescriptionOf(item), item.Pinned);
        // Only the newest few logs of this item are read (index on PlanItemId, PerformedAt, Id), so
        // logging costs the same after thousands of sessions.
        var logs = new List<ExerciseLog>(ProgressionEngine.SessionWindow) { ToLog(newLog) };
        await foreach (var l in s_recentLogs(db, item.Id).WithCancellation(ct))
        {
            if (logs.Count == 1 && l.PerformedAt > newLog.PerformedAt)
            {
                // A back-entered session counts in the history but does not move the dose: the
                // decision belongs to the newest session.
                return new ProgressionDecision(ProgressionAction.Hold, ["PM4"],
                    "This session was entered for an earlier date. It counts in your history, and your dose stays the same.",
                    state.Current, state.Current);
            }

            if (logs.Count < ProgressionEngine.SessionWindow)
            {
                logs.Add(ToLog(l));
            }
        }

        return ProgressionEngine.Decide(library, state, logs, checkIns, constraints.Allows);
    }

    private static ExerciseLog ToLog(ExerciseLogRecord l) => new(l.PerformedOn,
        new Prescription(l.PrescribedExerciseId, JsonTextCache.Read<Dose>(l.PrescribedDoseJson)),
        l.CompletedSets, l.CompletedReps, l.CompletedHoldSeconds, l.PainDuring, l.Effort);

    /// <summary>Field-level checks of api.md: ranges, dates, and one entry per plan item.</summary>
    public IDictionary<string, string[]> Validate(SessionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        if (request.PerformedAt is not DateTimeOffset at)
        {
            errors["performedAt"] = ["Give the time of the session (UTC, ISO 8601)."];
        }
        else if (at > now + s_clockSkew)
        {
            errors["performedAt"] = ["The session time cannot be in the future."];
        }
        else if (DateOnly.FromDateTime(at.UtcDateTime) < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Problems.MaxDaysBack))
        {
            errors["performedAt"] = [$"The session cannot be more than {Problems.MaxDaysBack} days ago."];
        }

        Range(request.PainBefore, "painBefore", 0, 10, required: false, errors);
        Range(request.PainAfter, "painAfter", 0, 10, required: false, errors);
        if (request.Exercises is not { Count: > 0 } exercises)
        {
            errors["exercises"] = ["List at least one exercise."];
            return errors;
        }

        if (exercises.Count > MaxExercises)
        {
            errors["exercises"] = [$"List at most {MaxExercises} exercises."];
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < exercises.Count; i++)
        {
            var e = exercises[i];
            var at0 = $"exercises[{i}]";
            if (e is null)
            {
                errors[at0] = ["Each exercise needs its details."];
                continue;
            }

            if (e.PlanItemId is not Guid id)
            {
                errors[$"{at0}.planItemId"] = ["Say which plan item this is."];
            }
            else if (!seen.Add(id))
            {
                errors[$"{at0}.planItemId"] = ["Each plan item can appear only once in a session."];
            }

            Range(e.CompletedSets, $"{at0}.completedSets", 0, 20, required: true, errors);
            Range(e.CompletedReps, $"{at0}.completedReps", 0, 500, required: false, errors);
            Range(e.CompletedHoldSeconds, $"{at0}.completedHoldSeconds", 0, 3600, required: false, errors);
            Range(e.PainDuring, $"{at0}.painDuring", 0, 10, required: true, errors);
            Range(e.Effort, $"{at0}.effort", 0, 10, required: true, errors);
            if (e.Note is { Length: > 1000 })
            {
                errors[$"{at0}.note"] = ["A note can be at most 1000 characters."];
            }
        }

        return errors;
    }

    private static void Range(int? value, string field, int min, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = [$"Required: a whole number from {min} to {max}."];
            }
        }
        else if (value < min || value > max)
        {
            errors[field] = [$"Must be a whole number from {min} to {max}."];
        }
    }

    private static string Hash(SessionRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(StoredJson.Write(request))));
}
