using System.Collections.Concurrent;
using System.Text;
using HipRehab.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace HipRehab.Web.Features.Today;

/// <summary>What Today reads for one person and day: the day's newest sessions and the current plan's items.</summary>
/// <param name="Done">The day's sessions, at most <see cref="TodayService.MaxCompletedSessions"/> (the newest), in time order.</param>
/// <param name="PlanId">The current plan (the newest version not replaced), or null when there is none.</param>
/// <param name="Paused">True when the current plan is paused (a red flag): nothing is due.</param>
/// <param name="PausedReason">Why it is paused, in plain words; null when it is not.</param>
/// <param name="Items">The current plan's items that are not on hold, in the plan's order; empty when it is paused.</param>
/// <param name="HighestPain">The highest pain rated that day at an intake or a morning check-in, or null when none was (E5).</param>
public sealed record TodayRows(IReadOnlyList<Guid> Done, Guid? PlanId, bool Paused, string? PausedReason, IReadOnlyList<PlanItemRecord> Items,
    int? HighestPain = null)
{
    /// <summary>
    /// Reads the joined plan rows, newest plan version first and each plan's items by position: the rows
    /// of the first plan are the answer (an older plan that was not marked replaced is not today's).
    /// </summary>
    internal static TodayRows From(IReadOnlyList<Guid> doneNewestFirst, IEnumerable<TodayPlanRow> rows, int? highestPain)
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

        return new TodayRows(done, planId, paused, pausedReason, items, highestPain);
    }
}

/// <summary>One row of the plan-and-items join: a plan, with one of its items (or none for a plan without items).</summary>
internal sealed record TodayPlanRow(Guid PlanId, string Status, string? PausedReason, PlanItemRecord? Item);

/// <summary>
/// Today's reads (the day's sessions, the current plan, the day's highest pain rating), always for the signed-in person named by the caller (never another person's):
/// <see cref="EfTodayQuery"/> through EF Core (PostgreSQL), <see cref="SqliteTodayQuery"/> with
/// statements prepared once (SQLite, the default). <c>TodayQueryTests</c> holds them to the same answers.
/// </summary>
public interface ITodayQuery
{
    Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct);
}

/// <summary>Today's reads as compiled EF Core queries on the request's context (its query filters apply).</summary>
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

    // The highest pain rated on the day at a check-in or an intake (E5: 8 or more means no exercise today).
    private static readonly Func<AppDb, string, DateOnly, Task<int?>> s_checkInPain = EF.CompileAsyncQuery(
        (AppDb db, string userId, DateOnly date) => db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date == date).Max(c => (int?)c.UsualPain));

    private static readonly Func<AppDb, string, DateTime, DateTime, Task<int?>> s_intakePain = EF.CompileAsyncQuery(
        (AppDb db, string userId, DateTime start, DateTime end) =>
            db.Intakes.AsNoTracking().Where(i => i.UserId == userId && i.CreatedAt >= start && i.CreatedAt < end).Max(i => (int?)i.PainNow));

    public async Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // One connection for every read instead of one per query.
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

            var checkInPain = await s_checkInPain(db, userId, date);
            var intakePain = await s_intakePain(db, userId, start, start.AddDays(1));
            return TodayRows.From(done, rows, checkInPain is null ? intakePain : intakePain is null ? checkInPain : Math.Max(checkInPain.Value, intakePain.Value));
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
/// for the plan, its items and the sessions alike, exactly as the query filters would. The plan's items
/// are first read as keys only (<see cref="KeysSql"/>): when every key was read before, the items kept
/// under them are answered; otherwise every column is read (<see cref="PlanSql"/>).
/// </summary>
public sealed class SqliteTodayQuery : ITodayQuery, IDisposable
{
    /// <summary>Connections kept open when idle; more are opened under load and closed when returned.</summary>
    public const int MaxIdle = 8;

    // The same rows as EfTodayQuery's join, with the caller's id required of the items as well.
    private const string PlanFrom = """
        FROM "Plans" AS p
        LEFT JOIN "PlanItems" AS i ON p."Id" = i."PlanId" AND i."UserId" = $user
        WHERE p."UserId" = $user AND p."Status" <> 'replaced'
        ORDER BY p."Version" DESC, i."Position"
        """;

    // Each item as one key: every column of the item as its length in bytes, ':' and its value
    // (a NULL has no length, so it differs from an empty text). Each value is read back by its
    // length, so two keys are equal exactly when every stored value is. NULL for a plan without items.
    private const string ItemKey = """
        CASE WHEN i."Id" IS NULL THEN NULL ELSE concat(
          octet_length(i."Id"), ':', i."Id", octet_length(i."PlanId"), ':', i."PlanId", octet_length(i."UserId"), ':', i."UserId",
          octet_length(i."Position"), ':', i."Position", octet_length(i."Family"), ':', i."Family", octet_length(i."ExerciseId"), ':', i."ExerciseId",
          octet_length(i."Sets"), ':', i."Sets", octet_length(i."Reps"), ':', i."Reps", octet_length(i."HoldSeconds"), ':', i."HoldSeconds",
          octet_length(i."RestSeconds"), ':', i."RestSeconds", octet_length(i."PerSide"), ':', i."PerSide", octet_length(i."Band"), ':', i."Band",
          octet_length(i."DaysPerWeek"), ':', i."DaysPerWeek", octet_length(i."DaysJson"), ':', i."DaysJson", octet_length(i."WhyJson"), ':', i."WhyJson",
          octet_length(i."Pinned"), ':', i."Pinned", octet_length(i."OnHold"), ':', i."OnHold", octet_length(i."Revision"), ':', i."Revision") END
        """;

    /// <summary>The plan rows with every item column, and each item's key last (column 19).</summary>
    internal const string PlanSql = """
        SELECT p."Id", p."Status", p."PausedReason",
               i."Id", i."Position", i."Family", i."ExerciseId", i."Sets", i."Reps", i."HoldSeconds", i."RestSeconds",
               i."PerSide", i."Band", i."DaysPerWeek", i."DaysJson", i."WhyJson", i."Pinned", i."OnHold", i."Revision",
        """ + ItemKey + "\n" + PlanFrom;

    /// <summary>The same rows with each item as its key only (column 3).</summary>
    internal const string KeysSql = """
        SELECT p."Id", p."Status", p."PausedReason",
        """ + ItemKey + "\n" + PlanFrom;

    // The limit is written into the statement, not bound: SQLite plans a LIMIT with the value bound to
    // it, so binding it again (as Microsoft.Data.Sqlite does on every execution) would prepare the
    // statement again each time.
    internal static readonly string DoneSql = $"""
        SELECT s."Id"
        FROM "Sessions" AS s
        WHERE s."UserId" = $user AND s."PerformedAt" >= $start AND s."PerformedAt" < $end
        ORDER BY s."PerformedAt" DESC
        LIMIT {TodayService.MaxCompletedSessions}
        """;

    /// <summary>The highest pain rated on the day at a morning check-in or an intake (E5), or NULL.</summary>
    internal const string PainSql = """
        SELECT max(p) FROM (
          SELECT c."UsualPain" AS p FROM "CheckIns" AS c WHERE c."UserId" = $user AND c."Date" = $date
          UNION ALL
          SELECT i."PainNow" FROM "Intakes" AS i WHERE i."UserId" = $user AND i."CreatedAt" >= $start AND i."CreatedAt" < $end)
        """;

    private readonly string _connectionString;
    private readonly ConcurrentBag<Reader> _idle = [];
    private readonly ItemCache _items = new();
    private int _idleCount;
    private int _disposed;

    public SqliteTodayQuery(string connectionString)
    {
        // Its own handles, never shared with EF Core's pool: they stay open with their statements.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>Connections open and idle now (for tests).</summary>
    internal int IdleCount => Volatile.Read(ref _idleCount);

    /// <summary>Reads answered from item keys alone, and reads that took every column (for tests).</summary>
    internal (long KeyReads, long FullReads) Reads => (Interlocked.Read(ref _items.KeyReads), Interlocked.Read(ref _items.FullReads));

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

        return new Reader(_connectionString, _items);
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

    /// <summary>
    /// The items read before, each under its key (<see cref="ItemKey"/>: all of its stored values).
    /// A read whose every item key is here takes nothing else from SQLite; the key holds every
    /// value, so an item that changed in any way, by any writer, is a different key and is read in full.
    /// </summary>
    private sealed class ItemCache
    {
        /// <summary>Items kept at most (about 1.5 KB each); the cache starts again when it is full.</summary>
        public const int MaxItems = 8192;

        private readonly ConcurrentDictionary<byte[], PlanItemRecord> _byKey = new(KeyComparer.Instance);
        public long KeyReads;
        public long FullReads;

        public ConcurrentDictionary<byte[], PlanItemRecord>.AlternateLookup<ReadOnlySpan<byte>> Lookup =>
            _byKey.GetAlternateLookup<ReadOnlySpan<byte>>();

        public void Add(byte[] key, PlanItemRecord item)
        {
            if (_byKey.Count >= MaxItems)
            {
                _byKey.Clear();
            }

            _byKey[key] = item;
        }

        private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
        {
            public static readonly KeyComparer Instance = new();

            public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
            public int GetHashCode(byte[] key) => GetHashCode((ReadOnlySpan<byte>)key);
            public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
            public int GetHashCode(ReadOnlySpan<byte> alternate)
            {
                var hash = new HashCode();
                hash.AddBytes(alternate);
                return hash.ToHashCode();
            }

            public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
        }
    }

    /// <summary>One open connection with Today's statements prepared; used by one request at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly ItemCache _items;
        private readonly SqliteCommand _plan;
        private readonly SqliteCommand _done;
        private readonly SqliteCommand _pain;
        private readonly sqlite3_stmt _keys;

        public Reader(string connectionString, ItemCache items)
        {
            _items = items;
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
                _done = Prepare(DoneSql, "$user", "$start", "$end");
                _pain = Prepare(PainSql, "$user", "$date", "$start", "$end");
                // The keys-only read goes straight to SQLite: its values are compared in place, never copied.
                Check(raw.sqlite3_prepare_v3(_connection.Handle, KeysSql, raw.SQLITE_PREPARE_PERSISTENT, out _keys));
            }
            catch
            {
                _keys?.Dispose();
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

        private void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
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

            _pain.Parameters[0].Value = userId;
            _pain.Parameters[1].Value = date;
            _pain.Parameters[2].Value = start;
            _pain.Parameters[3].Value = start.AddDays(1);
            var highestPain = _pain.ExecuteScalar() is long p ? (int?)p : null;

            if (ReadKeys(userId) is { } known)
            {
                Interlocked.Increment(ref _items.KeyReads);
                return TodayRows.From(done, known, highestPain);
            }

            Interlocked.Increment(ref _items.FullReads);
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
                    if (item is not null)
                    {
                        // Kept as read; each answer gets its own copy.
                        _items.Add(Encoding.UTF8.GetBytes(r.GetString(19)), item);
                        item = item.Copy();
                    }

                    rows.Add(new TodayPlanRow(planId, r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), item));
                }
            }

            return TodayRows.From(done, rows, highestPain);
        }

        /// <summary>
        /// The plan rows from item keys alone, each item a copy of the one kept under its key; null when
        /// an item's key is not kept (the caller then reads every column).
        /// </summary>
        private List<TodayPlanRow>? ReadKeys(string userId)
        {
            var lookup = _items.Lookup;
            Check(raw.sqlite3_bind_text(_keys, 1, userId));
            try
            {
                var rows = new List<TodayPlanRow>();
                byte[]? firstPlan = null;
                Guid planId = default;
                string status = "";
                string? pausedReason = null;
                int rc;
                while ((rc = raw.sqlite3_step(_keys)) == raw.SQLITE_ROW)
                {
                    var planBytes = raw.sqlite3_column_blob(_keys, 0);
                    if (firstPlan is null)
                    {
                        firstPlan = planBytes.ToArray();
                        planId = GuidOf(planBytes);
                        status = Encoding.UTF8.GetString(raw.sqlite3_column_blob(_keys, 1));
                        pausedReason = raw.sqlite3_column_type(_keys, 2) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(_keys, 2));
                    }
                    else if (!planBytes.SequenceEqual(firstPlan))
                    {
                        // An older plan's rows follow: they are not today's (TodayRows.From stops here).
                        break;
                    }

                    PlanItemRecord? item = null;
                    if (raw.sqlite3_column_type(_keys, 3) != raw.SQLITE_NULL)
                    {
                        if (!lookup.TryGetValue(raw.sqlite3_column_blob(_keys, 3), out var kept))
                        {
                            return null;
                        }

                        item = kept.Copy();
                    }

                    rows.Add(new TodayPlanRow(planId, status, pausedReason, item));
                }

                Check(rc); // SQLITE_ROW (an older plan's rows were left unread) or SQLITE_DONE
                return rows;
            }
            finally
            {
                // Ends the statement's read snapshot at once, as disposing a data reader does.
                raw.sqlite3_reset(_keys);
                raw.sqlite3_clear_bindings(_keys);
            }
        }

        // As SqliteDataReader.GetGuid reads it: 16 bytes of a blob, otherwise text.
        private static Guid GuidOf(ReadOnlySpan<byte> value) =>
            value.Length == 16 ? new Guid(value) : Guid.Parse(Encoding.UTF8.GetString(value));

        public void Dispose()
        {
            _keys.Dispose();
            _plan.Dispose();
            _done.Dispose();
            _pain.Dispose();
            _connection.Dispose();
        }
    }
}
