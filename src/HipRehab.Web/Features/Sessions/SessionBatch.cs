using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Data.Sqlite;
using HipRehab.Web.Features.Exercises;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>What became of a logged session.</summary>
public enum SessionOutcome { Created, Replayed, KeyReused, Invalid, PlanPaused }

/// <summary>A logged session's answer: its outcome, the response (and its stored JSON), or the field errors.</summary>
public sealed record SessionResult(SessionOutcome Outcome, SessionResponse? Response, string? ResponseJson, IDictionary<string, string[]>? Errors)
{
    /// <summary>The answer for a key already stored: the same response for the same body, otherwise a reused key.</summary>
    public static SessionResult Answer(string storedHash, string storedJson, string hash) => storedHash == hash
        ? new(SessionOutcome.Replayed, StoredJson.Read<SessionResponse>(storedJson), storedJson, null)
        : new(SessionOutcome.KeyReused, null, null, null);
}

/// <summary>A checked session waiting to be written, with the caller who waits for its answer.</summary>
public sealed class SessionJob(string userId, string key, string hash, SessionRequest request)
{
    public string UserId { get; } = userId;
    public string Key { get; } = key;
    public string Hash { get; } = hash;
    public SessionRequest Request { get; } = request;

    internal TaskCompletionSource<SessionResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal CancellationToken Cancelled { get; set; }
}

/// <summary>
/// Decides and writes a batch of sessions (in arrival order), for <see cref="SessionWriter"/> and the
/// demo seeder: every decision is made in memory from the person's history plus the sessions before
/// it in the batch, and the batch is written with one transaction and one durable commit. It knows
/// nothing of queues or callers: the writer owns those, and calls this on its own connections.
/// </summary>
public sealed class SessionBatch(AppDb db, ExerciseLibrary library, ConstraintsCache constraintsCache, TimeProvider clock)
{
    private sealed record PlanHead(Guid Id, string Status, Guid IntakeId, bool FallRisk);

    private static readonly Func<AppDb, string, Task<PlanHead?>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version)
            .Select(p => new PlanHead(p.Id, p.Status, p.IntakeId, p.FallRisk)).FirstOrDefault());

    private static readonly Func<AppDb, string, Guid, IAsyncEnumerable<PlanItemRecord>> s_items = EF.CompileAsyncQuery<AppDb, string, Guid, PlanItemRecord>((db, userId, planId) =>
        db.PlanItems.AsNoTracking().Where(i => i.UserId == userId && i.PlanId == planId));

    private sealed record StoredKey(string IdempotencyKey, string RequestHash, string ResponseJson);

    private static readonly Func<AppDb, string, List<string>, IAsyncEnumerable<StoredKey>> s_keys = EF.CompileAsyncQuery<AppDb, string, List<string>, StoredKey>((db, userId, keys) =>
        db.Sessions.AsNoTracking().Where(s => s.UserId == userId && keys.Contains(s.IdempotencyKey))
            .Select(s => new StoredKey(s.IdempotencyKey, s.RequestHash, s.ResponseJson)));

    /// <summary>What a batch writes: new rows, and each changed item with the revision it was read at.</summary>
    internal sealed class Pending
    {
        public List<SessionRecord> Sessions { get; } = [];
        public List<DecisionRecord> Decisions { get; } = [];
        public Dictionary<Guid, (PlanItemRecord Item, int ReadAt)> Items { get; } = [];
    }

    private static readonly Func<AppDb, Guid, IAsyncEnumerable<ExerciseLogRecord>> s_recentLogs = EF.CompileAsyncQuery<AppDb, Guid, ExerciseLogRecord>((db, itemId) =>
        db.ExerciseLogs.AsNoTracking().Where(l => l.PlanItemId == itemId)
            .OrderByDescending(l => l.PerformedAt).ThenByDescending(l => l.Id).Take(ProgressionEngine.SessionWindow));

    private static readonly Func<AppDb, string, DateOnly, IAsyncEnumerable<CheckIn>> s_checkIns = EF.CompileAsyncQuery<AppDb, string, DateOnly, CheckIn>((db, userId, from) =>
        db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date >= from)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(ProgressionEngine.CheckInWindowDays * 4)
            .Select(c => new CheckIn(c.Date, c.UsualPain, c.SettledSinceLastSession)));

    /// <summary>
    /// Writes a batch of queued sessions (in arrival order) with one SaveChanges: one transaction and
    /// one durable commit. Runs in the writer's own scope. Reads come first, once per person in the
    /// batch: stored keys, the plan and its items, each item's newest logs, the check-ins. Each session
    /// is then decided in memory from that history plus the sessions before it in the batch — exactly
    /// what logging them one after another would read — and every decided item's revision is bumped,
    /// so a session decided from stale data on another node makes the save fail and the batch is
    /// decided again from fresh data.
    /// </summary>
    internal async Task<SessionResult[]> WriteAsync(IReadOnlyList<SessionJob> jobs)
    {
        var decided = await DecideAsync(jobs, previous: null);
        if (decided.Pending.Sessions.Count > 0)
        {
            await using var tx = await BeginAndWriteAsync(db, decided.Pending);
            await tx.CommitAsync();
        }

        return decided.Results;
    }

    /// <summary>
    /// Decides a batch of queued sessions (in arrival order) without writing anything: what each
    /// caller will be answered, the rows to write, and what the next batch must see of them.
    /// <paramref name="previous"/> is the batch before, written but perhaps not yet committed (the
    /// writer decides the next batch while the previous one's commit waits for the disk): its stored
    /// keys, its items (dose and revision) and their newest logs stand in for the database's where
    /// they are newer, so this batch reads exactly what it would read after that commit. Its rows are
    /// written only once that commit has succeeded; if it fails, this batch is decided again.
    /// </summary>
    internal async Task<Decided> DecideAsync(IReadOnlyList<SessionJob> jobs, Carry? previous)
    {
        var decided = new Decided(new SessionResult[jobs.Count], new Pending(), new Carry());
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in Enumerable.Range(0, jobs.Count).GroupBy(i => jobs[i].UserId, StringComparer.Ordinal))
        {
            await DecidePersonAsync(person.Key, [.. person], jobs, now, decided, previous?.People.GetValueOrDefault(person.Key));
        }

        return decided;
    }

    /// <summary>
    /// Begins a transaction on <paramref name="db"/> and writes a decided batch in it: the rows through
    /// prepared statements (sessions before the rows that point to them), each changed item only if
    /// nobody changed it since it was read. The caller commits (one durable commit for the batch).
    /// </summary>
    internal static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAndWriteAsync(AppDb db, Pending pending)
    {
        var tx = await db.Database.BeginTransactionAsync();
        try
        {
            await using var rows = new RowWriter(db);
            foreach (var session in pending.Sessions)
            {
                await rows.InsertAsync(session);
            }

            foreach (var log in pending.Sessions.SelectMany(s => s.Exercises))
            {
                await rows.InsertAsync(log);
            }

            foreach (var decision in pending.Decisions)
            {
                await rows.InsertAsync(decision);
            }

            foreach (var (item, readAt) in pending.Items.Values)
            {
                await rows.UpdateCheckedAsync(item, readAt, DecidedColumns);
            }

            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The columns a session's decision changes on an item (<see cref="PlanMapping.SetDose"/> and the
    /// revision): only they are written, so the item's other columns and their indexes stay untouched.
    /// </summary>
    internal const string DecidedColumns = $"{nameof(PlanItemRecord.ExerciseId)},{nameof(PlanItemRecord.Sets)},{nameof(PlanItemRecord.Reps)}," +
        $"{nameof(PlanItemRecord.HoldSeconds)},{nameof(PlanItemRecord.RestSeconds)},{nameof(PlanItemRecord.PerSide)},{nameof(PlanItemRecord.Band)}," +
        $"{nameof(PlanItemRecord.DaysPerWeek)},{nameof(PlanItemRecord.Revision)}";

    /// <summary>A decided batch: each caller's answer, the rows to write, and what the next batch must see.</summary>
    internal sealed record Decided(SessionResult[] Results, Pending Pending, Carry Carry);

    /// <summary>What a decided batch leaves for the next one, per person.</summary>
    internal sealed class Carry
    {
        public Dictionary<string, PersonCarry> People { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A person's state after a batch: its plan, stored keys, items (as decided) and each item's newest logs.</summary>
    internal sealed record PersonCarry(Guid PlanId, Dictionary<string, (string RequestHash, string ResponseJson)> Keys,
        Dictionary<Guid, PlanItemRecord> Items, Dictionary<Guid, List<ExerciseLogRecord>> History);

    private async Task DecidePersonAsync(string userId, List<int> order, IReadOnlyList<SessionJob> jobs, DateTime now, Decided decided,
        PersonCarry? previous)
    {
        var ct = CancellationToken.None;
        var results = decided.Results;
        var pending = decided.Pending;
        var known = new Dictionary<string, (string RequestHash, string ResponseJson)>(StringComparer.Ordinal);
        await foreach (var k in s_keys(db, userId, [.. order.Select(i => jobs[i].Key).Distinct()]).WithCancellation(ct))
        {
            known[k.IdempotencyKey] = (k.RequestHash, k.ResponseJson);
        }

        var plan = await s_plan(db, userId);
        var items = new Dictionary<Guid, PlanItemRecord>();
        var history = new Dictionary<Guid, List<ExerciseLogRecord>>();
        if (previous is not null && previous.PlanId != plan?.Id)
        {
            previous = null; // another plan now: nothing of the batch before applies
        }

        if (previous is not null)
        {
            foreach (var (key, stored) in previous.Keys)
            {
                known.TryAdd(key, stored);
            }
        }

        if (plan is not null)
        {
            await foreach (var item in s_items(db, userId, plan.Id).WithCancellation(ct))
            {
                // The batch before, if not yet committed, decided a newer revision of this item: its
                // dose and its newest logs are what the database will hold after that commit.
                var current = item;
                if (previous is not null && previous.Items.TryGetValue(item.Id, out var newer) && newer.Revision > item.Revision)
                {
                    current = newer.Copy();
                    if (previous.History.TryGetValue(item.Id, out var logs))
                    {
                        history[item.Id] = [.. logs];
                    }
                }

                // An item on hold (no version fits the person's precautions) is not done until a clinician changes it.
                if (!current.OnHold)
                {
                    items[current.Id] = current;
                }
            }

            decided.Carry.People[userId] = new PersonCarry(plan.Id, known, items, history);
        }

        var checkInsFrom = new Dictionary<DateOnly, List<CheckIn>>();
        PersonConstraints? constraints = null;
        foreach (var index in order)
        {
            var job = jobs[index];
            if (known.TryGetValue(job.Key, out var stored))
            {
                // Stored before, or earlier in this batch (a duplicate send waiting in the same queue).
                results[index] = SessionResult.Answer(stored.RequestHash, stored.ResponseJson, job.Hash);
                continue;
            }

            var unknown = new Dictionary<string, string[]>();
            var exercises = job.Request.Exercises!;
            for (var i = 0; i < exercises.Count; i++)
            {
                if (!items.ContainsKey(exercises[i].PlanItemId!.Value))
                {
                    // The same answer for an item that does not exist and one that is someone else's.
                    unknown[$"exercises[{i}].planItemId"] = ["This is not an exercise of your current plan."];
                }
            }

            if (unknown.Count > 0)
            {
                results[index] = new(SessionOutcome.Invalid, null, null, unknown);
                continue;
            }

            if (plan!.Status == PlanStatus.Paused)
            {
                results[index] = new(SessionOutcome.PlanPaused, null, null, null);
                continue;
            }

            constraints ??= await constraintsCache.GetAsync(db, userId, plan.IntakeId, DateOnly.FromDateTime(now), plan.FallRisk, ct);
            var performedOn = DateOnly.FromDateTime(job.Request.PerformedAt!.Value.UtcDateTime);
            var from = performedOn.AddDays(-ProgressionEngine.CheckInWindowDays);
            if (!checkInsFrom.TryGetValue(from, out var checkIns))
            {
                checkIns = [];
                await foreach (var c in s_checkIns(db, userId, from).WithCancellation(ct))
                {
                    checkIns.Add(c);
                }

                checkInsFrom[from] = checkIns;
            }

            var result = await DecideSessionAsync(userId, plan.Id, job, items, history, constraints, checkIns, now, pending);
            known[job.Key] = (job.Hash, result.ResponseJson!);
            results[index] = result;
        }
    }

    private async Task<SessionResult> DecideSessionAsync(string userId, Guid planId, SessionJob job, Dictionary<Guid, PlanItemRecord> items,
        Dictionary<Guid, List<ExerciseLogRecord>> history, PersonConstraints constraints, List<CheckIn> checkIns, DateTime now, Pending pending)
    {
        var request = job.Request;
        var performedAt = request.PerformedAt!.Value.UtcDateTime;
        var performedOn = DateOnly.FromDateTime(performedAt);
        var session = new SessionRecord
        {
            Id = OrderedIds.Next(), UserId = userId, PlanId = planId, PerformedAt = performedAt, PainBefore = request.PainBefore,
            PainAfter = request.PainAfter, CreatedAt = now, IdempotencyKey = job.Key, RequestHash = job.Hash, ResponseJson = "",
        };

        foreach (var e in request.Exercises!)
        {
            var item = items[e.PlanItemId!.Value];
            session.Exercises.Add(new ExerciseLogRecord
            {
                Id = OrderedIds.Next(), SessionId = session.Id, UserId = userId, PlanItemId = item.Id, PerformedOn = performedOn,
                PerformedAt = performedAt, PrescribedExerciseId = item.ExerciseId,
                PrescribedDoseJson = StoredJson.Write(PlanMapping.DoseOf(item)),
                CompletedSets = e.CompletedSets!.Value, CompletedReps = e.CompletedReps, CompletedHoldSeconds = e.CompletedHoldSeconds,
                PainDuring = e.PainDuring!.Value, Effort = e.Effort!.Value, Note = string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim(),
            });
        }

        var decisions = new List<SessionDecision>();
        ExerciseLibrary? personLibrary = null;
        foreach (var log in session.Exercises.OrderBy(l => items[l.PlanItemId].Position))
        {
            var item = items[log.PlanItemId];
            if (!history.TryGetValue(item.Id, out var newestFirst))
            {
                newestFirst = [];
                await foreach (var l in s_recentLogs(db, item.Id))
                {
                    newestFirst.Add(l);
                }

                history[item.Id] = newestFirst;
            }

            var itemLibrary = library.FindVariant(item.ExerciseId) is null
                ? personLibrary ??= await ClinicLibrary.ForPersonAsync(db, library, userId, CancellationToken.None)
                : library;
            var decision = Decide(itemLibrary, item, log, newestFirst, constraints, checkIns);
            Remember(newestFirst, log);
            var previous = new PrescriptionResponse(decision.Previous.ExerciseId, decision.Previous.Dose);
            var next = new PrescriptionResponse(decision.Next.ExerciseId, decision.Next.Dose);
            if (decision.Next != decision.Previous)
            {
                PlanMapping.SetDose(item, decision.Next.ExerciseId, decision.Next.Dose);
            }

            pending.Items.TryAdd(item.Id, (item, item.Revision));
            item.Revision++;
            pending.Decisions.Add(new DecisionRecord
            {
                Id = OrderedIds.Next(), UserId = userId, PlanItemId = item.Id, SessionId = session.Id, CreatedAt = now,
                Action = Vocab<ProgressionAction>.Name(decision.Action), RuleIdsJson = StoredJson.Write(decision.RuleIds),
                Explanation = decision.Explanation, PreviousJson = StoredJson.Write(previous), NextJson = StoredJson.Write(next),
            });
            decisions.Add(new SessionDecision(item.Id, item.Family, decision.Action, decision.RuleIds, decision.Explanation, previous, next));
        }

        var response = new SessionResponse(session.Id, performedAt, decisions);
        session.ResponseJson = StoredJson.Write(response);
        pending.Sessions.Add(session);
        return new(SessionOutcome.Created, response, session.ResponseJson, null);
    }

    private static ProgressionDecision Decide(ExerciseLibrary library, PlanItemRecord item, ExerciseLogRecord newLog, List<ExerciseLogRecord> newestFirst,
        PersonConstraints constraints, List<CheckIn> checkIns)
    {
        // A back-entered session (stamped before the item's newest log) counts in the history without moving the dose.
        var enteredForEarlier = newestFirst.Count > 0 && newestFirst[0].PerformedAt > newLog.PerformedAt;
        return ProgressionEngine.DecideAfterSession(library, new ItemState(PlanMapping.PrescriptionOf(item), item.Pinned), ToLog(newLog), enteredForEarlier,
            [.. newestFirst.Take(ProgressionEngine.SessionWindow - 1).Select(ToLog)], checkIns, constraints);
    }

    /// <summary>
    /// Adds a just-decided log to the item's newest-first window in the order the database reads it
    /// (time, then id, newest first) and keeps only the window, so the next session in the batch reads
    /// what it would read after a commit.
    /// </summary>
    private static void Remember(List<ExerciseLogRecord> newestFirst, ExerciseLogRecord log)
    {
        var at = newestFirst.FindIndex(l => l.PerformedAt < log.PerformedAt || (l.PerformedAt == log.PerformedAt && l.Id.CompareTo(log.Id) < 0));
        newestFirst.Insert(at < 0 ? newestFirst.Count : at, log);
        if (newestFirst.Count > ProgressionEngine.SessionWindow)
        {
            newestFirst.RemoveRange(ProgressionEngine.SessionWindow, newestFirst.Count - ProgressionEngine.SessionWindow);
        }
    }

    private static ExerciseLog ToLog(ExerciseLogRecord l) => new(l.PerformedOn,
        new Prescription(l.PrescribedExerciseId, JsonTextCache.Read<Dose>(l.PrescribedDoseJson)),
        l.CompletedSets, l.CompletedReps, l.CompletedHoldSeconds, l.PainDuring, l.Effort);

    /// <summary>The day to evaluate: today, or a session's own day when it is stamped a little ahead of the clock (phones drift).</summary>
    internal static DateOnly EscalationDay(DateOnly today, IEnumerable<SessionJob> jobs)
    {
        var latest = jobs.Max(j => DateOnly.FromDateTime(j.Request.PerformedAt!.Value.UtcDateTime));
        return latest > today ? latest : today;
    }
}
