using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HipRehab.Web.Data.Sqlite;

/// <summary>
/// Keeps SQLite statements prepared on a connection that stays open (the session writer's): EF Core
/// and Microsoft.Data.Sqlite otherwise build a new command for every query, and SQLite parses and
/// plans its SQL again each time (dotnet/efcore#14044), which was most of the writer's reading time.
/// For a kept connection, each EF Core command is run by a command cached per SQL text with the
/// same parameters and transaction; EF Core still writes the SQL and reads the rows, so the answers
/// are the same. Other connections are not touched. A cached command whose rows are still being
/// read is never reused at the same time: that query runs as EF Core's own command instead.
/// </summary>
public sealed class SqliteStatements : DbCommandInterceptor
{
    public static readonly SqliteStatements Instance = new();

    /// <summary>Distinct statements kept per connection; past this the cache starts again (queries with list parameters vary).</summary>
    public const int MaxStatements = 200;

    private static readonly ConditionalWeakTable<DbConnection, Cache> s_kept = [];

    private SqliteStatements()
    {
    }

    /// <summary>Keeps statements prepared on <paramref name="connection"/> (open, SQLite) until <see cref="Release"/>.</summary>
    public static void Keep(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            s_kept.AddOrUpdate(connection, new Cache(sqlite));
        }
    }

    /// <summary>Disposes the statements kept for <paramref name="connection"/>.</summary>
    public static void Release(DbConnection connection)
    {
        if (s_kept.TryGetValue(connection, out var cache))
        {
            s_kept.Remove(connection);
            cache.Dispose();
        }
    }

    /// <summary>The number of statements kept for <paramref name="connection"/> (for tests).</summary>
    internal static int Count(DbConnection connection) => s_kept.TryGetValue(connection, out var cache) ? cache.Count : 0;

    /// <summary>The number of SQLite statements kept for <paramref name="connection"/> by <see cref="Raw"/> (for tests).</summary>
    internal static int RawCount(DbConnection connection) => s_kept.TryGetValue(connection, out var cache) ? cache.RawCount : 0;

    /// <summary>
    /// SQLite's own prepared statement for <paramref name="sql"/> on a kept connection, for code that binds
    /// its values itself (<see cref="RowWriter"/>); null for other connections. It runs in the
    /// connection's current transaction and stays prepared until the connection is released.
    /// </summary>
    internal static RawStatement? Raw(DbConnection connection, string sql) =>
        s_kept.TryGetValue(connection, out var cache) ? cache.Raw(sql) : null;

    // Microsoft.Data.Sqlite runs its "async" commands synchronously, so the async overrides run the same code.

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        TryRent(command, result.HasResult, out var cache, out var kept) ? InterceptionResult<DbDataReader>.SuppressWithResult(cache.Track(kept)) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ReaderExecuting(command, eventData, result));
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        TryRent(command, result.HasResult, out var cache, out var kept) ? InterceptionResult<int>.SuppressWithResult(cache.Run(kept, kept.ExecuteNonQuery)) : result;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(NonQueryExecuting(command, eventData, result));
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        TryRent(command, result.HasResult, out var cache, out var kept) ? InterceptionResult<object>.SuppressWithResult(cache.Run(kept, kept.ExecuteScalar)!) : result;

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ScalarExecuting(command, eventData, result));
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command.Connection is { } connection && s_kept.TryGetValue(connection, out var cache))
        {
            cache.Finished(eventData.DataReader);
        }

        return result;
    }

    /// <summary>
    /// The kept command to run EF Core's <paramref name="command"/> with, carrying its parameters: false when
    /// another interceptor already answered, the connection is not kept, or that statement is busy.
    /// </summary>
    private static bool TryRent(DbCommand command, bool answered, [NotNullWhen(true)] out Cache? cache, [NotNullWhen(true)] out SqliteCommand? kept)
    {
        kept = null;
        cache = null;
        if (answered || command.Connection is not { State: System.Data.ConnectionState.Open } connection || !s_kept.TryGetValue(connection, out cache))
        {
            return false;
        }

        kept = cache.Rent(command.CommandText, command.Transaction, command.Parameters);
        if (kept is null)
        {
            return false;
        }

        kept.CommandTimeout = command.CommandTimeout;
        return true;
    }

    /// <summary>The kept commands of one connection. The connection is used by one writer at a time; the lock only guards misuse.</summary>
    private sealed class Cache(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);
        private readonly HashSet<SqliteCommand> _reading = [];
        private readonly Dictionary<DbDataReader, SqliteCommand> _readers = [];

        public int Count
        {
            get
            {
                lock (_commands)
                {
                    return _commands.Count;
                }
            }
        }

        /// <summary>The kept command for <paramref name="sql"/> with these parameters and transaction; null when it is busy.</summary>
        public SqliteCommand? Rent(string sql, DbTransaction? transaction, DbParameterCollection? parameters)
        {
            lock (_commands)
            {
                if (!_commands.TryGetValue(sql, out var kept))
                {
                    if (_commands.Count >= MaxStatements)
                    {
                        foreach (var idle in _commands.Values.Where(c => !_reading.Contains(c)).ToList())
                        {
                            _commands.Remove(idle.CommandText);
                            idle.Dispose();
                        }
                    }

                    kept = connection.CreateCommand();
                    kept.CommandText = sql;
                    _commands[sql] = kept;
                }
                else if (_reading.Contains(kept))
                {
                    return null;
                }

                kept.Transaction = (SqliteTransaction?)transaction;
                kept.Parameters.Clear();
                if (parameters is not null)
                {
                    foreach (SqliteParameter parameter in parameters)
                    {
                        kept.Parameters.Add(parameter);
                    }
                }

                return kept;
            }
        }

        public int RawCount
        {
            get
            {
                lock (_commands)
                {
                    return _raw.Count;
                }
            }
        }

        public RawStatement Raw(string sql)
        {
            lock (_commands)
            {
                if (!_raw.TryGetValue(sql, out var kept))
                {
                    kept = RawStatement.Prepare(connection, sql);
                    _raw[sql] = kept;
                }

                return kept;
            }
        }

        /// <summary>Runs a reader on a kept command, which stays busy until EF Core disposes the reader.</summary>
        public DbDataReader Track(SqliteCommand kept)
        {
            Reading(kept);
            try
            {
                var reader = kept.ExecuteReader();
                lock (_commands)
                {
                    _readers[reader] = kept;
                }

                return reader;
            }
            catch
            {
                Finished(kept);
                throw;
            }
        }

        public T Run<T>(SqliteCommand kept, Func<T> execute)
        {
            Reading(kept);
            try
            {
                return execute();
            }
            finally
            {
                Finished(kept);
            }
        }

        public void Finished(DbDataReader reader)
        {
            lock (_commands)
            {
                if (_readers.Remove(reader, out var kept))
                {
                    _reading.Remove(kept);
                }
            }
        }

        private void Reading(SqliteCommand kept)
        {
            lock (_commands)
            {
                _reading.Add(kept);
            }
        }

        private void Finished(SqliteCommand kept)
        {
            lock (_commands)
            {
                _reading.Remove(kept);
            }
        }

        public void Dispose()
        {
            lock (_commands)
            {
                foreach (var kept in _commands.Values)
                {
                    kept.Dispose();
                }

                _commands.Clear();
                foreach (var kept in _raw.Values)
                {
                    kept.Dispose();
                }

                _raw.Clear();
                _reading.Clear();
                _readers.Clear();
            }
        }
    }
}
