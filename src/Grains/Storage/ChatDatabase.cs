using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The chat grains' access to PostgreSQL: commands with the configured timeout, transactions, and
/// one translation of "the database failed" into <c>storage.unavailable</c>. Constraint violations
/// are not translated here: each store turns the ones it expects into domain codes.
/// </summary>
internal sealed class ChatDatabase(NpgsqlDataSource dataSource, IOptions<ChatOptions> options)
{
    private readonly int _timeoutSeconds = (int)Math.Ceiling(options.Value.CommandTimeout.TotalSeconds);

    public NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        Prepare(command, parameters);
        return command;
    }

    public NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        Prepare(command, parameters);
        return command;
    }

    /// <summary>An empty batch inside <paramref name="transaction"/>, with the configured timeout for the whole batch.</summary>
    public NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        new(connection, transaction) { Timeout = _timeoutSeconds };

    /// <summary>One statement of a batch, with positional parameters ($1, $2, ...).</summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; committed only when it returns normally.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs a statement inside <paramref name="transaction"/>; returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads one value inside <paramref name="transaction"/>.</summary>
    public async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return ConvertScalar<T>(await command.ExecuteScalarAsync());
    }

    public async Task<int> ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return ConvertScalar<T>(await command.ExecuteScalarAsync());
    }

    /// <summary>A scalar as <typeparamref name="T"/>; timestamptz arrives as a UTC <see cref="DateTime"/> and becomes a <see cref="DateTimeOffset"/>.</summary>
    public static T? ConvertScalar<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default;
        }

        if (value is DateTime time && (typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?)))
        {
            return (T)(object)new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        return (T)value;
    }

    /// <summary>True for failures of the database itself (unreachable, timed out, shutting down), as opposed to a refused statement.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)                 // insufficient resources
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal)                 // operator intervention (shutdown, cancel)
            || pg.SqlState.StartsWith("40", StringComparison.Ordinal),                // rolled back (serialization, deadlock)
        NpgsqlException => true,
        TimeoutException or SocketException or IOException => true,
        Runtime.Storage.DatabaseUnreachableException => true,
        _ => false,
    };

    public static bool IsUniqueViolation(Exception exception, string? constraint = null) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && (constraint is null || pg.ConstraintName == constraint);

    public static bool IsForeignKeyViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    /// <summary>Runs a store call, turning database failures into <c>storage.unavailable</c>.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not ChatException && IsUnavailable(ex))
        {
            throw ChatErrors.StorageUnavailable(ex);
        }
    }

    /// <summary>Runs a store call with no result, turning database failures into <c>storage.unavailable</c>.</summary>
    public static async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not ChatException && IsUnavailable(ex))
        {
            throw ChatErrors.StorageUnavailable(ex);
        }
    }

    private void Prepare(NpgsqlCommand command, object?[] parameters)
    {
        command.CommandTimeout = _timeoutSeconds;
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is NpgsqlParameter parameter ? parameter : new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }
}
