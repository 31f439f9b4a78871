using System.Globalization;
using SQLitePCL;

namespace HipRehab.Web.Data.Sqlite;

/// <summary>
/// Binds a provider value to a SQLite statement exactly as Microsoft.Data.Sqlite binds a parameter
/// of that value with no SQLite type set (as EF Core's parameters have): numbers and booleans as
/// integers, Guid as upper-case text, DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF", DateOnly as
/// "yyyy-MM-dd". Only the types below are bound here; others go through Microsoft.Data.Sqlite.
/// <c>RowWriterTests</c> read every kind back through EF Core and find the rows by those values.
/// </summary>
internal static class SqliteBind
{
    private static readonly HashSet<Type> s_supported =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(Guid), typeof(DateTime),
        typeof(DateOnly), typeof(double), typeof(byte[]),
    ];

    /// <summary>True when values of <paramref name="type"/> (or its nullable) are bound here.</summary>
    public static bool Supports(Type type) => s_supported.Contains(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>Binds <paramref name="value"/> (a provider value, or null) to the 1-based <paramref name="index"/>; SQLite's result code.</summary>
    public static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
        DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        double real when !double.IsNaN(real) => raw.sqlite3_bind_double(statement, index, real),
        byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
        _ => throw new InvalidOperationException($"A {value.GetType().Name} value is not bound here."),
    };
}
