using System.Collections.Concurrent;
using System.Text;
using HipRehab.Web.Data;
using HipRehab.Web.Data.Sqlite;
using HipRehab.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HipRehab.Web.Features.Today;

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
    private const string PlanFrom = $"""
        FROM "Plans" AS p
        LEFT JOIN "PlanItems" AS i ON p."Id" = i."PlanId" AND i."UserId" = $user
        WHERE p."UserId" = $user AND p."Status" <> '{PlanStatus.Replaced}'
        ORDER BY p."Version" DESC, i."Position"
        """;

    /// <summary>
    /// Every column of a plan item, in the order the full read returns them (after the plan's three).
    /// The one list of the item's columns here: the key, the full read and the reader all follow it,
    /// and <c>SqliteFastPathTests</c> fails when it is not exactly the EF model's columns.
    /// </summary>
    internal static readonly string[] ItemColumns =
    [
        nameof(PlanItemRecord.Id), nameof(PlanItemRecord.PlanId), nameof(PlanItemRecord.UserId), nameof(PlanItemRecord.Position),
        nameof(PlanItemRecord.Family), nameof(PlanItemRecord.ExerciseId), nameof(PlanItemRecord.Sets), nameof(PlanItemRecord.Reps),
        nameof(PlanItemRecord.HoldSeconds), nameof(PlanItemRecord.RestSeconds), nameof(PlanItemRecord.PerSide), nameof(PlanItemRecord.Band),
        nameof(PlanItemRecord.DaysPerWeek), nameof(PlanItemRecord.DaysJson), nameof(PlanItemRecord.WhyJson), nameof(PlanItemRecord.Pinned),
        nameof(PlanItemRecord.OnHold), nameof(PlanItemRecord.Revision),
    ];

    // Each item as one key: every column of the item as its length in bytes, ':' and its value
    // (a NULL has no length, so it differs from an empty text). Each value is read back by its
    // length, so two keys are equal exactly when every stored value is. NULL for a plan without items.
    private static readonly string s_itemKey =
        $"CASE WHEN i.\"Id\" IS NULL THEN NULL ELSE concat({string.Join(", ", ItemColumns.Select(c => $"octet_length(i.\"{c}\"), ':', i.\"{c}\""))}) END";

    /// <summary>The plan's three columns first (id, status, paused reason).</summary>
    private const string PlanColumns = "SELECT p.\"Id\", p.\"Status\", p.\"PausedReason\",";

    /// <summary>The plan rows with every item column (<see cref="ItemColumns"/>, from column 3), and each item's key last.</summary>
    internal static readonly string PlanSql =
        $"{PlanColumns}\n{string.Join(", ", ItemColumns.Select(c => $"i.\"{c}\""))},\n{s_itemKey}\n{PlanFrom}";

    /// <summary>The same rows with each item as its key only (column 3).</summary>
    internal static readonly string KeysSql = $"{PlanColumns}\n{s_itemKey}\n{PlanFrom}";

    /// <summary>The position of an item column in <see cref="PlanSql"/>'s rows.</summary>
    private static int At(string column) => 3 + Array.IndexOf(ItemColumns, column);

    private static readonly int s_keyAt = 3 + ItemColumns.Length;

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
    /// The items read before, each under its key (the key of <see cref="ItemColumns"/>: all of its stored values).
    /// A read whose every item key is here takes nothing else from SQLite; the key holds every
    /// value, so an item that changed in any way, by any writer, is a different key and is read in full.
    /// </summary>
    private sealed class ItemCache
    {
        /// <summary>Items kept at most (about 1.5 KB each); the cache starts again when it is full.</summary>
        public const int MaxItems = 8192;

        private readonly BoundedCache<byte[], PlanItemRecord> _byKey = new(MaxItems, KeyComparer.Instance);
        public long KeyReads;
        public long FullReads;

        public ConcurrentDictionary<byte[], PlanItemRecord>.AlternateLookup<ReadOnlySpan<byte>> Lookup => _byKey.AlternateLookup<ReadOnlySpan<byte>>();

        public void Add(byte[] key, PlanItemRecord item) => _byKey.Set(key, item);

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
        private readonly RawStatement _keys;

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
                _keys = RawStatement.Prepare(_connection, KeysSql);
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
                        Id = r.GetGuid(At(nameof(PlanItemRecord.Id))),
                        PlanId = r.GetGuid(At(nameof(PlanItemRecord.PlanId))),
                        UserId = r.GetString(At(nameof(PlanItemRecord.UserId))),
                        Position = r.GetInt32(At(nameof(PlanItemRecord.Position))),
                        Family = r.GetString(At(nameof(PlanItemRecord.Family))),
                        ExerciseId = r.GetString(At(nameof(PlanItemRecord.ExerciseId))),
                        Sets = r.GetInt32(At(nameof(PlanItemRecord.Sets))),
                        Reps = r.IsDBNull(At(nameof(PlanItemRecord.Reps))) ? null : r.GetInt32(At(nameof(PlanItemRecord.Reps))),
                        HoldSeconds = r.IsDBNull(At(nameof(PlanItemRecord.HoldSeconds))) ? null : r.GetInt32(At(nameof(PlanItemRecord.HoldSeconds))),
                        RestSeconds = r.GetInt32(At(nameof(PlanItemRecord.RestSeconds))),
                        PerSide = r.GetBoolean(At(nameof(PlanItemRecord.PerSide))),
                        Band = r.IsDBNull(At(nameof(PlanItemRecord.Band))) ? null : r.GetString(At(nameof(PlanItemRecord.Band))),
                        DaysPerWeek = r.GetInt32(At(nameof(PlanItemRecord.DaysPerWeek))),
                        DaysJson = r.GetString(At(nameof(PlanItemRecord.DaysJson))),
                        WhyJson = r.GetString(At(nameof(PlanItemRecord.WhyJson))),
                        Pinned = r.GetBoolean(At(nameof(PlanItemRecord.Pinned))),
                        OnHold = r.GetBoolean(At(nameof(PlanItemRecord.OnHold))),
                        Revision = r.GetInt32(At(nameof(PlanItemRecord.Revision))),
                    };
                    if (item is not null)
                    {
                        // Kept as read; each answer gets its own copy.
                        _items.Add(Encoding.UTF8.GetBytes(r.GetString(s_keyAt)), item);
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
            _keys.Check(raw.sqlite3_bind_text(_keys.Statement, 1, userId));
            try
            {
                var rows = new List<TodayPlanRow>();
                byte[]? firstPlan = null;
                Guid planId = default;
                string status = "";
                string? pausedReason = null;
                var keys = _keys.Statement;
                while (_keys.Step())
                {
                    var planBytes = raw.sqlite3_column_blob(keys, 0);
                    if (firstPlan is null)
                    {
                        firstPlan = planBytes.ToArray();
                        planId = GuidOf(planBytes);
                        status = Encoding.UTF8.GetString(raw.sqlite3_column_blob(keys, 1));
                        pausedReason = raw.sqlite3_column_type(keys, 2) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(keys, 2));
                    }
                    else if (!planBytes.SequenceEqual(firstPlan))
                    {
                        // An older plan's rows follow: they are not today's (TodayRows.From stops here).
                        break;
                    }

                    PlanItemRecord? item = null;
                    if (raw.sqlite3_column_type(keys, 3) != raw.SQLITE_NULL)
                    {
                        if (!lookup.TryGetValue(raw.sqlite3_column_blob(keys, 3), out var kept))
                        {
                            return null;
                        }

                        item = kept.Copy();
                    }

                    rows.Add(new TodayPlanRow(planId, status, pausedReason, item));
                }

                return rows;
            }
            finally
            {
                // Ends the statement's read snapshot at once, as disposing a data reader does.
                _keys.Reset();
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
