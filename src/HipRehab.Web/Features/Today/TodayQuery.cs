using System.Collections.Concurrent;
using HipRehab.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Today;

/// <summary>What Today reads for one person and day: the day's newest sessions and the current plan's items.</summary>
/// <param name="Done">The day's sessions, at most <see cref="TodayService.MaxCompletedSessions"/> (the newest), in time order.</param>
/// <param name="PlanId">The current plan (the newest version not replaced), or null when there is none.</param>
/// <param name="Paused">True when the current plan is paused (a red flag): nothing is due.</param>
/// <param name="PausedReason">Why it is paused, in plain words; null when it is not.</param>
/// <param name="Items">The current plan's items that are not on hold, in the plan's order; empty when it is paused.</param>
public sealed record TodayRows(IReadOnlyList<Guid> Done, Guid? PlanId, bool Paused, string? PausedReason, IReadOnlyList<PlanItemRecord> Items)
{
    /// <summary>
    /// Reads the joined plan rows, newest plan version first and each plan's items by position: the rows
    /// of the first plan are the answer (an older plan that was not marked replaced is not today's).
    /// </summary>
    internal static TodayRows From(IReadOnlyList<Guid> doneNewestFirst, IEnumerable<TodayPlanRow> rows)
    {
        Guid? planId = null;
        var paused = false;
        string? pausedReason = null;
        var items = new List<PlanItemRecord>();
        foreach (var row in rows)
        {
            if (planId is null)
            {
                planId = row.PlanId;
                paused = row.Status == "paused";
                pausedReason = paused ? row.PausedReason : null;
            }
            else if (row.PlanId != planId)
            {
                break;
            }

            if (!paused && row.Item is { OnHold: false })
            {
                items.Add(row.Item);
            }
        }

        var done = new Guid[doneNewestFirst.Count];
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = doneNewestFirst[done.Length - 1 - i];
        }

        return new TodayRows(done, planId, paused, pausedReason, items);
    }
}

/// <summary>One row of the plan-and-items join: a plan, with one of its items (or none for a plan without items).</summary>
internal sealed record TodayPlanRow(Guid PlanId, string Status, string? PausedReason, PlanItemRecord? Item);

/// <summary>
/// Today's two reads, always for the signed-in person named by the caller (never another person's):
/// <see cref="EfTodayQuery"/> through EF Core (PostgreSQL), <see cref="SqliteTodayQuery"/> with
/// statements prepared once (SQLite, the default). <c>TodayQueryTests</c> holds them to the same answers.
/// </summary>
public interface ITodayQuery
{
    Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct);
}

/// <summary>Today's reads as two compiled EF Core queries on the request's context (its query filters apply).</summary>
public sealed class EfTodayQuery(AppDb db) : ITodayQuery
{
    // The current plan and its items in one plain left join ordered by version, then position. A join
    // on a LIMIT 1 subquery would say the same, but SQLite takes several times longer to prepare it.
    private static readonly Func<AppDb, string, IAsyncEnumerable<TodayPlanRow>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        from p in db.Plans.AsNoTracking()
        where p.UserId == userId && p.Status != "replaced"
        join i in db.PlanItems.AsNoTracking() on p.Id equals i.PlanId into items
        from i in items.DefaultIfEmpty()
        orderby p.Version descending, i!.Position
        select new TodayPlanRow(p.Id, p.Status, p.PausedReason, i));

    // The newest sessions of the day, newest first; bounded so that a day with thousands of logged
    // sessions does not list them all.
    private static readonly Func<AppDb, string, DateTime, DateTime, IAsyncEnumerable<Guid>> s_done = EF.CompileAsyncQuery<AppDb, string, DateTime, DateTime, Guid>(
        (db, userId, start, end) =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end)
                .OrderByDescending(s => s.PerformedAt).Select(s => s.Id).Take(TodayService.MaxCompletedSessions));

    public async Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // One connection for both reads instead of one per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var done = new List<Guid>();
            await foreach (var id in s_done(db, userId, start, start.AddDays(1)).WithCancellation(ct))
            {
                done.Add(id);
            }

            var rows = new List<TodayPlanRow>();
            await foreach (var row in s_plan(db, userId).WithCancellation(ct))
            {
                rows.Add(row);
            }

            return TodayRows.From(done, rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// Today's reads on SQLite as two statements prepared once per connection, on a few long-lived,
/// query-only connections of this process. Today is the app's hottest read, and preparing its
/// statements again on every request (as EF Core and Microsoft.Data.Sqlite do) was most of the time
/// SQLite spent on it (bench/README.md). Each statement names the caller's id in its own condition,
/// for the plan, its items and the sessions alike, exactly as the query filters would.
/// </summary>
public sealed class SqliteTodayQuery : ITodayQuery, IDisposable
{
    /// <summary>Connections kept open when idle; more are opened under load and closed when returned.</summary>
    public const int MaxIdle = 8;

    // The same rows as EfTodayQuery's join, with the caller's id required of the items as well.
    internal const string PlanSql = """
        SELECT p."Id", p."Status", p."PausedReason",
               i."Id", i."Position", i."Family", i."ExerciseId", i."Sets", i."Reps", i."HoldSeconds", i."RestSeconds",
               i."PerSide", i."Band", i."DaysPerWeek", i."DaysJson", i."WhyJson", i."Pinned", i."OnHold", i."Revision"
        FROM "Plans" AS p
        LEFT JOIN "PlanItems" AS i ON p."Id" = i."PlanId" AND i."UserId" = $user
        WHERE p."UserId" = $user AND p."Status" <> 'replaced'
        ORDER BY p."Version" DESC, i."Position"
        """;

    internal const string DoneSql = """
        SELECT s."Id"
        FROM "Sessions" AS s
        WHERE s."UserId" = $user AND s."PerformedAt" >= $start AND s."PerformedAt" < $end
        ORDER BY s."PerformedAt" DESC
        LIMIT $limit
        """;

    private readonly string _connectionString;
    private readonly ConcurrentBag<Reader> _idle = [];
    private int _idleCount;
    private int _disposed;

    public SqliteTodayQuery(string connectionString)
    {
        // Its own handles, never shared with EF Core's pool: they stay open with their statements.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>Connections open and idle now (for tests).</summary>
    internal int IdleCount => Volatile.Read(ref _idleCount);

    public Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var reader = Rent();
        try
        {
            var rows = reader.Read(userId, date);
            Return(reader);
            return Task.FromResult(rows);
        }
        catch
        {
            // A reader that failed is not trusted again.
            reader.Dispose();
            throw;
        }
    }

    private Reader Rent()
    {
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new Reader(_connectionString);
    }

    private void Return(Reader reader)
    {
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Add(reader);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        reader.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    /// <summary>One open connection with Today's two statements prepared; used by one request at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _plan;
        private readonly SqliteCommand _done;

        public Reader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using (var setup = _connection.CreateCommand())
                {
                    // Reads only; waits for a writer's checkpoint like every other connection of the app.
                    setup.CommandText = "PRAGMA query_only=ON; PRAGMA busy_timeout=10000;";
                    setup.ExecuteNonQuery();
                }

                _plan = Prepare(PlanSql, "$user");
                _done = Prepare(DoneSql, "$user", "$start", "$end", "$limit");
                _done.Parameters["$limit"].Value = TodayService.MaxCompletedSessions;
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        public TodayRows Read(string userId, DateOnly date)
        {
            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            _done.Parameters[0].Value = userId;
            // Bound the way EF Core stores a DateTime on SQLite (text, "yyyy-MM-dd HH:mm:ss.FFFFFFF").
            _done.Parameters[1].Value = start;
            _done.Parameters[2].Value = start.AddDays(1);
            var done = new List<Guid>();
            using (var r = _done.ExecuteReader())
            {
                while (r.Read())
                {
                    done.Add(r.GetGuid(0));
                }
            }

            _plan.Parameters[0].Value = userId;
            var rows = new List<TodayPlanRow>();
            using (var r = _plan.ExecuteReader())
            {
                while (r.Read())
                {
                    var planId = r.GetGuid(0);
                    PlanItemRecord? item = r.IsDBNull(3) ? null : new PlanItemRecord
                    {
                        Id = r.GetGuid(3),
                        PlanId = planId,
                        UserId = userId,
                        Position = r.GetInt32(4),
                        Family = r.GetString(5),
                        ExerciseId = r.GetString(6),
                        Sets = r.GetInt32(7),
                        Reps = r.IsDBNull(8) ? null : r.GetInt32(8),
                        HoldSeconds = r.IsDBNull(9) ? null : r.GetInt32(9),
                        RestSeconds = r.GetInt32(10),
                        PerSide = r.GetBoolean(11),
                        Band = r.IsDBNull(12) ? null : r.GetString(12),
                        DaysPerWeek = r.GetInt32(13),
                        DaysJson = r.GetString(14),
                        WhyJson = r.GetString(15),
                        Pinned = r.GetBoolean(16),
                        OnHold = r.GetBoolean(17),
                        Revision = r.GetInt32(18),
                    };
                    rows.Add(new TodayPlanRow(planId, r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), item));
                }
            }

            return TodayRows.From(done, rows);
        }

        public void Dispose()
        {
            _plan.Dispose();
            _done.Dispose();
            _connection.Dispose();
        }
    }
}
