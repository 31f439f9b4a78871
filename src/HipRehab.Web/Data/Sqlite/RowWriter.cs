using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace HipRehab.Web.Data.Sqlite;

/// <summary>
/// Writes many new rows of a few entity types with one prepared command per statement, inside the
/// caller's transaction. The session writer uses it for a batch of sessions: EF Core's SaveChanges
/// builds and sorts a command for every row, which made it the largest cost of logging a session
/// (bench/README.md). Table, column and parameter handling all come from the EF Core model and its
/// type mappings, so every value is stored exactly as EF Core stores it, on either provider.
/// </summary>
public sealed class RowWriter(AppDb db) : IAsyncDisposable
{
    private readonly Dictionary<Type, IStatement> _inserts = [];
    private readonly Dictionary<(Type, string?), IStatement> _updates = [];

    /// <summary>Inserts one row with every mapped column of <paramref name="entity"/>.</summary>
    public async Task InsertAsync<T>(T entity) where T : class
    {
        if (!_inserts.TryGetValue(typeof(T), out var insert))
        {
            insert = Prepare(typeof(T), update: false, null);
            _inserts[typeof(T)] = insert;
        }

        await insert.ExecuteAsync(entity, expectedRevision: null);
    }

    /// <summary>
    /// Updates every column of an existing row, only if its concurrency token still holds
    /// <paramref name="expectedToken"/>; otherwise nothing is written and the batch fails as EF Core's
    /// SaveChanges would, with <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public Task UpdateCheckedAsync<T>(T entity, object expectedToken) where T : class => UpdateCheckedAsync(entity, expectedToken, null);

    /// <summary>
    /// As <see cref="UpdateCheckedAsync{T}(T, object)"/>, writing only the columns of
    /// <paramref name="properties"/> (and the concurrency token): the row's other columns, and the
    /// indexes over them, are left as they are. The same list (same order) reuses one statement.
    /// </summary>
    public async Task UpdateCheckedAsync<T>(T entity, object expectedToken, string? properties) where T : class
    {
        if (!_updates.TryGetValue((typeof(T), properties), out var update))
        {
            update = Prepare(typeof(T), update: true, properties);
            _updates[(typeof(T), properties)] = update;
        }

        if (await update.ExecuteAsync(entity, expectedToken) != 1)
        {
            throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row was changed or removed by someone else.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _inserts.Values.Concat(_updates.Values).OfType<Statement>())
        {
            await statement.Command.DisposeAsync();
        }
    }

    /// <summary>The SQL and columns of each statement, worked out once per model (provider) and entity type.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel Model, Type Type, bool Update, string? Only), Shape> s_shapes = new();

    /// <summary>A statement's SQL, its columns and parameter names, and each column's value getter when every column binds directly to SQLite (<see cref="SqliteBind"/>).</summary>
    private sealed record Shape(string Text, List<Column> Columns, List<string> Names, Func<object, object?>[]? Getters);

    private IStatement Prepare(Type type, bool update, string? only)
    {
        var shape = s_shapes.GetOrAdd((db.Model, type, update, only), key => ShapeOf(key.Type, key.Update, key.Only));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowWriter writes inside the caller's transaction.");
        // On a kept SQLite connection (the session writer's), a statement whose values all bind
        // directly goes straight to SQLite, kept prepared from one batch to the next.
        if (shape.Getters is { } getters && SqliteStatements.Raw(connection, shape.Text) is { } raw)
        {
            return new RawRow(raw, shape.Columns, shape.Names, getters, update);
        }

        var command = connection.CreateCommand();
        command.CommandText = shape.Text;
        command.Transaction = transaction;
        return new Statement(command, shape.Columns, shape.Names, update, db.Database.IsSqlite());
    }

    private Shape ShapeOf(Type type, bool update, string? only)
    {
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = ((Microsoft.EntityFrameworkCore.Infrastructure.IInfrastructure<IServiceProvider>)db).Instance.GetRequiredService<ISqlGenerationHelper>();
        var columns = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
            .Select(p => new Column(p.GetColumnName(table)!, p.PropertyInfo!, p.GetRelationalTypeMapping(), p.IsKey(), p.IsConcurrencyToken))
            .ToList();
        if (only is not null)
        {
            var named = only.Split(',');
            var unknown = named.Where(n => !columns.Any(c => c.Property.Name == n)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"{type.Name} has no mapped {string.Join(", ", unknown)}.");
            }

            columns = [.. columns.Where(c => c.IsKey || c.IsToken || named.Contains(c.Property.Name))];
        }

        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        string text;
        if (!update)
        {
            text = $"INSERT INTO {tableName} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
        }
        else
        {
            var keys = columns.Where(c => c.IsKey).ToList();
            var token = columns.Single(c => c.IsToken);
            var set = columns.Select((c, i) => (c, i)).Where(x => !x.c.IsKey)
                .Select(x => $"{sql.DelimitIdentifier(x.c.Name)} = {sql.GenerateParameterNamePlaceholder($"p{x.i}")}");
            var where = keys.Select(k => $"{sql.DelimitIdentifier(k.Name)} = {sql.GenerateParameterNamePlaceholder($"p{columns.IndexOf(k)}")}")
                .Append($"{sql.DelimitIdentifier(token.Name)} = {sql.GenerateParameterNamePlaceholder("expected")}");
            text = $"UPDATE {tableName} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";
            columns.Add(token with { Name = "expected" });
        }

        var names = columns.Select((_, i) => sql.GenerateParameterName(update && i == columns.Count - 1 ? "expected" : $"p{i}")).ToList();
        var getters = db.Database.IsSqlite() && columns.All(c => SqliteBind.Supports(c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType))
            ? columns.Select(c => Getter(type, c.Property)).ToArray()
            : null;
        return new Shape(text, columns, names, getters);
    }

    private static Func<object, object?> Getter(Type type, System.Reflection.PropertyInfo property)
    {
        var entity = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var value = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(entity, type), property);
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(
            System.Linq.Expressions.Expression.Convert(value, typeof(object)), entity).Compile();
    }

    private sealed record Column(string Name, System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping, bool IsKey, bool IsToken);

    private interface IStatement
    {
        Task<int> ExecuteAsync(object entity, object? expectedRevision);
    }

    /// <summary>
    /// A statement on SQLite's own prepared statement: each value converted as EF Core converts it,
    /// then bound by position as Microsoft.Data.Sqlite binds it (<see cref="SqliteBind"/>).
    /// </summary>
    private sealed class RawRow(RawStatement raw, List<Column> columns, List<string> names, Func<object, object?>[] getters, bool update)
        : IStatement
    {
        // SQLite numbers parameters in the order they first appear in the SQL (an update's key comes last).
        private readonly int[] _positions = Positions(raw, names);

        private static int[] Positions(RawStatement raw, List<string> names)
        {
            int[] positions = [.. names.Select(n => SQLitePCL.raw.sqlite3_bind_parameter_index(raw.Statement, n))];
            if (positions.Contains(0) || SQLitePCL.raw.sqlite3_bind_parameter_count(raw.Statement) != names.Count)
            {
                throw new InvalidOperationException("The statement's parameters are not the columns' names.");
            }

            return positions;
        }

        public Task<int> ExecuteAsync(object entity, object? expectedRevision)
        {
            var stmt = raw.Statement;
            try
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = update && i == columns.Count - 1 ? expectedRevision : getters[i](entity);
                    if (value is not null && columns[i].Mapping.Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    raw.Check(SqliteBind.Bind(stmt, _positions[i], value));
                }

                return Task.FromResult(raw.Run());
            }
            finally
            {
                raw.Reset();
            }
        }
    }

    private sealed class Statement(DbCommand command, List<Column> columns, List<string> names, bool update, bool prepare) : IStatement
    {
        private bool _prepared;

        public DbCommand Command => command;

        private DbParameter[]? _parameters;

        public async Task<int> ExecuteAsync(object entity, object? expectedRevision)
        {
            if (_parameters is null)
            {
                // The first row makes each parameter exactly as EF Core does (name, type, size, provider value)...
                _parameters = new DbParameter[columns.Count];
                command.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = ValueOf(entity, expectedRevision, i);
                    _parameters[i] = columns[i].Mapping.CreateParameter(command, names[i], value, nullable: value is null);
                    command.Parameters.Add(_parameters[i]);
                }
            }
            else
            {
                // ...and each further row only sets its values, converted to the provider's as EF Core converts them.
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = ValueOf(entity, expectedRevision, i);
                    _parameters[i].Value = value is null ? DBNull.Value : columns[i].Mapping.Converter?.ConvertToProvider(value) ?? value;
                    _parameters[i].IsNullable = value is null;
                }
            }

            if (prepare && !_prepared)
            {
                // SQLite keeps the compiled statement on the command, so each further row only binds values.
                command.Prepare();
                _prepared = true;
            }

            return await command.ExecuteNonQueryAsync();
        }

        private object? ValueOf(object entity, object? expectedRevision, int i) =>
            update && i == columns.Count - 1 ? expectedRevision : columns[i].Property.GetValue(entity);
    }
}
