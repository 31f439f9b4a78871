using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HipRehab.Web.Data.Sqlite;

/// <summary>
/// The one wrapper of SQLite's own prepared statement in the app: prepared once on a connection that
/// stays open, its values bound by the caller (<see cref="SqliteBind"/>), stepped and reset. Errors are
/// thrown as Microsoft.Data.Sqlite throws them. Used by one caller at a time.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private readonly SqliteConnection _connection;

    private RawStatement(SqliteConnection connection, sqlite3_stmt statement)
    {
        _connection = connection;
        Statement = statement;
    }

    /// <summary>Prepares <paramref name="sql"/> on the open <paramref name="connection"/>, to be kept (SQLITE_PREPARE_PERSISTENT).</summary>
    public static RawStatement Prepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return new RawStatement(connection, statement ?? throw new InvalidOperationException("SQLite prepared no statement."));
    }

    public sqlite3_stmt Statement { get; }

    /// <summary>Throws the error SQLite returned, if any.</summary>
    public void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>Steps once: true when a row is ready to read, false when the statement is done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(Statement);
        Check(rc);
        return rc == raw.SQLITE_ROW;
    }

    /// <summary>Runs the statement with its bound values to the end; the number of rows it changed.</summary>
    public int Run()
    {
        var rc = raw.sqlite3_step(Statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }

        return raw.sqlite3_changes(_connection.Handle);
    }

    /// <summary>Makes the statement ready for its next values (after success or failure alike) and ends its read snapshot.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(Statement);
        raw.sqlite3_clear_bindings(Statement);
    }

    public void Dispose() => Statement.Dispose();
}
