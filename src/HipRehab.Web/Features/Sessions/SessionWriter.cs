using HipRehab.Core.Escalation;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Data.Sqlite;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Group commit for logged sessions. A durable commit waits for the disk (2–3 ms on the benchmark
/// machine), so committing each session alone caps logging at a few hundred sessions a second. The
/// writer queues sessions per lane; one writer per lane takes everything waiting, decides each session
/// in turn (<see cref="SessionBatch.WriteAsync"/>) and saves them all with one SaveChanges — one
/// transaction, one commit; every caller is answered only after that commit, so an answered session
/// is on disk.
/// <para>
/// A person always maps to the same lane, so one person's sessions are written one after another, in
/// arrival order, each seeing the ones before it. SQLite has a single writer, so it gets one lane;
/// PostgreSQL gets several, so different people commit in parallel. Across several nodes the unique
/// idempotency key and the items' revision check still decide, as before.
/// </para>
/// </summary>
public sealed class SessionWriter(IServiceScopeFactory scopes, IServiceProvider root, IConfiguration configuration, ILogger<SessionWriter> logger) : IDisposable
{
    /// <summary>The most sessions written in one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly Lane[] _lanes = CreateLanes(configuration);

    private static Lane[] CreateLanes(IConfiguration configuration)
    {
        var postgres = DatabaseSetup.ProviderOf(configuration) == DatabaseProvider.PostgreSQL;
        var count = postgres ? Math.Clamp(Environment.ProcessorCount * 2, 2, 16) : 1;
        var keepContexts = DatabaseSetup.SqliteFastPath(configuration);
        return [.. Enumerable.Range(0, count).Select(_ => new Lane(keepContexts))];
    }

    /// <summary>Queues a session and waits until it is committed (or found to be a duplicate, invalid or paused).</summary>
    public Task<SessionResult> SubmitAsync(SessionJob job, CancellationToken ct)
    {
        job.Cancelled = ct;
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(job.UserId) % (uint)_lanes.Length)];
        var start = false;
        lock (lane)
        {
            lane.Queue.Enqueue(job);
            if (!lane.Running)
            {
                lane.Running = true;
                start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
        }

        // Once taken into a batch a session is written even if the caller leaves; a retry with the
        // same key then gets the stored answer.
        return job.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Writes the lane's batches as a pipeline of two: while one batch's commit waits for the disk, the
    /// next batch is taken and decided (on another connection), seeing the first one's rows through
    /// <see cref="SessionBatch.Carry"/>; its rows are written only after that commit succeeded, and
    /// it is decided again from the database if the commit failed. Callers are answered after the
    /// commit of their own batch, as before.
    /// </summary>
    private async Task DrainAsync(Lane lane)
    {
        Committing? committing = null;
        try
        {
            while (true)
            {
                var batch = Take(lane, mayStop: committing is null);
                if (batch is null)
                {
                    if (committing is null)
                    {
                        return;
                    }

                    await FinishAsync(lane, committing);
                    committing = null;
                    continue;
                }

                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("Writing a batch of {Count} sessions", batch.Count);
                }

                committing = await StartAsync(lane, batch, committing);
            }
        }
        catch (Exception ex)
        {
            // Never leave a caller waiting: whatever went wrong here, the lane starts again on the next session.
            logger.LogError(ex, "The session writer stopped unexpectedly");
            committing?.Fail(ex);
            bool again;
            lock (lane)
            {
                again = lane.Running = lane.Queue.Count > 0;
            }

            if (again)
            {
                _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
            }
        }
    }

    /// <summary>Takes up to <see cref="MaxBatch"/> waiting sessions; null when none (the lane then stops when <paramref name="mayStop"/>).</summary>
    private static List<SessionJob>? Take(Lane lane, bool mayStop)
    {
        var batch = new List<SessionJob>();
        lock (lane)
        {
            while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var job))
            {
                if (job.Cancelled.IsCancellationRequested)
                {
                    job.Done.TrySetCanceled(job.Cancelled);
                }
                else
                {
                    batch.Add(job);
                }
            }

            if (batch.Count == 0)
            {
                if (mayStop)
                {
                    lane.Running = false;
                }

                return null;
            }
        }

        return batch;
    }

    /// <summary>A batch whose rows are written and whose commit is under way.</summary>
    private sealed class Committing(List<SessionJob> batch, SessionBatch.Decided decided, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        AsyncServiceScope? scope)
    {
        public List<SessionJob> Batch => batch;
        public SessionBatch.Decided Decided => decided;
        public Task Commit { get; } = Task.Run(() => transaction.CommitAsync());

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            if (scope is { } s)
            {
                await s.DisposeAsync();
            }
        }

        public void Fail(Exception ex)
        {
            foreach (var job in batch)
            {
                job.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Decides <paramref name="batch"/> while <paramref name="committing"/> (the batch before) commits,
    /// then finishes that one and writes this one's rows; returns this batch, committing (or null when
    /// it had nothing to write or was written another way).
    /// </summary>
    private async Task<Committing?> StartAsync(Lane lane, List<SessionJob> batch, Committing? committing)
    {
        var deciding = DecideAsync(lane, batch, committing?.Decided.Carry);
        if (committing is not null && !await FinishAsync(lane, committing))
        {
            // Decided on top of rows that were never committed: decide it again from the database.
            await deciding.ContinueWith(static _ => { }, TaskScheduler.Default);
            deciding = DecideAsync(lane, batch, previous: null);
        }

        SessionBatch.Decided decided;
        try
        {
            decided = await deciding;
        }
        catch (Exception ex)
        {
            lane.DropReader();
            logger.LogWarning(ex, "Deciding a batch of {Count} sessions failed; writing it again from the database", batch.Count);
            await WriteAsync(lane, batch);
            return null;
        }

        if (decided.Pending.Sessions.Count == 0)
        {
            // Replays, refusals and paused plans only: nothing to commit or escalate.
            foreach (var (job, result) in batch.Zip(decided.Results))
            {
                job.Done.TrySetResult(result);
            }

            return null;
        }

        var scope = lane.KeepsContexts ? (AsyncServiceScope?)null : scopes.CreateAsyncScope();
        try
        {
            var db = lane.Writer(scope?.ServiceProvider ?? root);
            var transaction = await SessionBatch.BeginAndWriteAsync(db, decided.Pending);
            return new Committing(batch, decided, transaction, scope);
        }
        catch (Exception ex)
        {
            lane.DropWriter();
            if (scope is { } s)
            {
                await s.DisposeAsync();
            }

            logger.LogWarning(ex, "Writing a batch of {Count} sessions failed; writing it again from the database", batch.Count);
            await WriteAsync(lane, batch);
            return null;
        }
    }

    /// <summary>
    /// Waits for a batch's commit. Committed: answers its callers and runs escalation (true).
    /// Failed: nothing of it was kept; it is written again the careful way (<see cref="WriteAsync"/>), and
    /// false tells the caller that a batch decided on top of it must be decided again.
    /// </summary>
    private async Task<bool> FinishAsync(Lane lane, Committing committing)
    {
        Exception? failure = null;
        try
        {
            await committing.Commit;
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await committing.DisposeAsync();
            lane.Clean();
        }

        if (failure is not null)
        {
            lane.DropWriter();
            logger.LogWarning(failure, "Committing a batch of {Count} sessions failed; writing it again from the database", committing.Batch.Count);
            await WriteAsync(lane, committing.Batch);
            return false;
        }

        // The writer's kept context is free until the next batch's rows: the cheap check runs on it.
        await AnswerAndEscalateAsync(committing.Batch, committing.Decided.Results, lane.KeepsContexts ? lane.Writer(root) : null);
        return true;
    }

    private async Task<SessionBatch.Decided> DecideAsync(Lane lane, List<SessionJob> batch, SessionBatch.Carry? previous)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = lane.KeepsContexts
            ? ActivatorUtilities.CreateInstance<SessionBatch>(scope.ServiceProvider, lane.Reader(root))
            : scope.ServiceProvider.GetRequiredService<SessionBatch>();
        return await sessions.DecideAsync(batch, previous);
    }

    /// <summary>
    /// Writes a batch with one commit. When the save fails because another node changed the same
    /// items or stored the same key first, the batch is decided again from fresh data; if it still
    /// fails, each session is written alone, so one bad session cannot take the others down with it.
    /// Nothing of a failed attempt is kept. Once committed, every caller is answered and then
    /// escalation runs for the people in the batch (<see cref="AnswerAndEscalateAsync"/>).
    /// </summary>
    private async Task WriteAsync(Lane lane, List<SessionJob> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            SessionResult[] results;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sessions = lane.KeepsContexts
                    ? ActivatorUtilities.CreateInstance<SessionBatch>(scope.ServiceProvider, lane.Writer(root))
                    : scope.ServiceProvider.GetRequiredService<SessionBatch>();
                try
                {
                    results = await sessions.WriteAsync(batch);
                }
                catch
                {
                    // Nothing of a failed attempt is kept, not even the connection it used.
                    lane.DropWriter();
                    throw;
                }
                finally
                {
                    lane.Clean();
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && attempt < 3)
            {
                continue;
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                logger.LogWarning(ex, "A batch of {Count} sessions failed; writing them one at a time", batch.Count);
                foreach (var job in batch)
                {
                    await WriteAsync(lane, [job]);
                }

                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A session could not be written");
                batch[0].Done.TrySetException(ex);
                return;
            }

            await AnswerAndEscalateAsync(batch, results, check: null);
            return;
        }
    }

    /// <summary>
    /// Answers the callers of a committed batch and runs escalation (E1–E6) once per person with a
    /// new session in it. Escalation never fails an answer: an error is logged, the person's next
    /// record evaluates again. It runs after the answers, except for a person who rated pain at
    /// E5's threshold or above: their answers wait for it, so that E5's advice to stop exercising
    /// today is already among their alerts when they read the answer.
    /// </summary>
    /// <param name="batch">The committed batch.</param>
    /// <param name="results">Each caller's answer.</param>
    /// <param name="check">A context for <see cref="CanChangeEscalationAsync"/> (the writer's kept one), or null for a new one.</param>
    private async Task AnswerAndEscalateAsync(List<SessionJob> batch, SessionResult[] results, AppDb? check)
    {
        var people = Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].UserId, StringComparer.Ordinal)
            .Select(g => (UserId: g.Key, Indexes: g.ToList(), Created: g.Where(i => results[i].Outcome == SessionOutcome.Created).ToList()))
            .ToList();
        var veryHigh = people.Where(p => p.Created.Any(i => HighestPain(batch[i].Request) >= EscalationEngine.VeryHighPain)).ToList();
        foreach (var person in people.Except(veryHigh))
        {
            Answer(person.Indexes);
        }

        if (people.All(p => p.Created.Count == 0))
        {
            return;
        }

        // A scope for the evaluations, made only when one runs (most batches only need the check).
        AsyncServiceScope? scope = null;
        try
        {
            foreach (var person in veryHigh)
            {
                await EscalateAsync(person.UserId, person.Created, mayChange: true);
                Answer(person.Indexes);
            }

            foreach (var person in people.Except(veryHigh).Where(p => p.Created.Count > 0))
            {
                await EscalateAsync(person.UserId, person.Created, mayChange: false);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Escalation after a committed batch of {Count} sessions could not start; the sessions are saved", batch.Count);
        }
        finally
        {
            // Whatever happened above, every caller gets the committed answer.
            Answer([.. Enumerable.Range(0, batch.Count)]);
            if (scope is { } s)
            {
                await s.DisposeAsync();
            }
        }

        void Answer(List<int> indexes)
        {
            foreach (var i in indexes)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }

        async Task EscalateAsync(string userId, List<int> created, bool mayChange)
        {
            try
            {
                var jobs = created.Select(i => batch[i]).ToList();
                if (!mayChange && !await CanChangeEscalationAsync(check ?? Services().GetRequiredService<AppDb>(), userId, jobs))
                {
                    return;
                }

                var escalation = Services().GetRequiredService<EscalationService>();
                await escalation.EvaluateAsync(userId, SessionBatch.EscalationDay(escalation.Today, jobs), CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Escalation after {Count} committed sessions failed; the sessions are saved", created.Count);
                if (scope is { } s)
                {
                    s.ServiceProvider.GetRequiredService<AppDb>().ChangeTracker.Clear();
                }
            }
        }

        IServiceProvider Services() => (scope ??= scopes.CreateAsyncScope()).ServiceProvider;
    }

    private static int HighestPain(SessionRequest request) =>
        request.Exercises!.Select(e => e.PainDuring!.Value).Append(request.PainBefore ?? 0).Append(request.PainAfter ?? 0).Max();

    /// <summary>
    /// Whether these sessions (every rating under E5's threshold) can change what escalation decides.
    /// The engine reads sessions as one row per day with the highest pain rated that day, and uses
    /// that pain only against E5's threshold; so a session on a day that already had one, with every
    /// rating under that threshold, changes none of its inputs. That is the common case under load (many sessions of
    /// one person on one day) and costs one indexed query instead of a full evaluation.
    /// </summary>
    private static async Task<bool> CanChangeEscalationAsync(AppDb db, string userId, List<SessionJob> jobs)
    {
        // The batch's sessions are committed, so a day with k of them had another one before it
        // exactly when it now holds more than k.
        foreach (var day in jobs.GroupBy(j => DateOnly.FromDateTime(j.Request.PerformedAt!.Value.UtcDateTime)))
        {
            var start = day.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var ours = day.Count();
            if (await s_sessionsOfDay(db, userId, start, start.AddDays(1)) <= ours)
            {
                return true;
            }
        }

        return false;
    }

    // Counts at most MaxBatch + 1 rows (a batch holds at most MaxBatch of a person's sessions, so k + 1 is
    // never above it). The bound is a constant in the SQL: SQLite plans a LIMIT with its bound value, so
    // a bound limit would make the writer's kept statement be prepared again on every run.
    private static readonly Func<AppDb, string, DateTime, DateTime, Task<int>> s_sessionsOfDay = EF.CompileAsyncQuery(
        (AppDb db, string userId, DateTime start, DateTime end) =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end).Take(MaxBatch + 1).Count());


    public void Dispose()
    {
        foreach (var lane in _lanes)
        {
            lane.Drop();
        }
    }

    /// <summary>
    /// A queue with one writer. On SQLite the writer keeps its own context on a connection that stays
    /// open, with its statements prepared once (<see cref="SqliteStatements"/>): the reads and row
    /// writes of every batch then skip SQLite's parsing and planning. On PostgreSQL (several lanes)
    /// each batch takes a pooled context, and Npgsql prepares statements itself.
    /// </summary>
    private sealed class Lane(bool keepContexts)
    {
        private SqliteAppDb? _writer;
        private SqliteAppDb? _reader;

        public Queue<SessionJob> Queue { get; } = new();
        public bool Running { get; set; }

        /// <summary>True on SQLite: the lane keeps a writing and a reading context of its own.</summary>
        public bool KeepsContexts => keepContexts;

        /// <summary>The lane's writing context (SQLite), made on first use; on PostgreSQL the scope's pooled one.</summary>
        public AppDb Writer(IServiceProvider services) => keepContexts ? _writer ??= Open(services) : services.GetRequiredService<AppDb>();

        /// <summary>The lane's reading context (SQLite), used to decide the next batch while the writer commits.</summary>
        public AppDb Reader(IServiceProvider services) => _reader ??= Open(services);

        /// <summary>Page cache of each kept connection (two per lane), in KiB.</summary>
        internal const int CacheKiB = 16 * 1024;

        private static SqliteAppDb Open(IServiceProvider services)
        {
            var db = new SqliteAppDb(services.GetRequiredService<DbContextOptions<SqliteAppDb>>());
            try
            {
                db.Database.OpenConnection();
                // A larger page cache than SQLite's 2 MiB: the writer's inserts land all over the
                // indexes of keys (idempotency keys are random), and the connection stays open.
                db.Database.ExecuteSqlRaw($"PRAGMA cache_size=-{CacheKiB};");
                SqliteStatements.Keep(db.Database.GetDbConnection());
                return db;
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        /// <summary>Forgets the entities of the batch just written (reads are untracked; this is a guard).</summary>
        public void Clean()
        {
            _writer?.ChangeTracker.Clear();
            _reader?.ChangeTracker.Clear();
        }

        /// <summary>Closes the lane's writing context and its statements (after a failure); the next write opens a new one.</summary>
        public void DropWriter() => Close(ref _writer);

        /// <summary>Closes the lane's reading context and its statements (after a failure).</summary>
        public void DropReader() => Close(ref _reader);

        /// <summary>Closes both (when the app stops).</summary>
        public void Drop()
        {
            DropWriter();
            DropReader();
        }

        private static void Close(ref SqliteAppDb? kept)
        {
            if (kept is { } db)
            {
                kept = null;
                SqliteStatements.Release(db.Database.GetDbConnection());
                db.Dispose();
            }
        }
    }
}
