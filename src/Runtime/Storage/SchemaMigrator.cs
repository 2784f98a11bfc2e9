using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansChat.Runtime.Storage;

/// <summary>
/// Applies every registered <see cref="IMigrationSource"/>'s migrations that the database has not
/// recorded in <c>schema_migrations</c>, in registration order and, within a source, in listed order.
/// Safe with any number of processes starting at once against one database: each migration runs
/// in its own transaction holding a transaction-scoped advisory lock, and re-checks under that
/// lock whether another starter applied it meanwhile. A migration whose SQL fails is rolled back
/// whole and stops the run, so the database never holds a half-applied or unrecorded change.
/// </summary>
internal sealed partial class SchemaMigrator
{
    /// <summary>
    /// The advisory lock every OrleansChat process takes around a migration ("OCMIGRAT" in ASCII).
    /// Fixed, not derived from anything configurable, so that all versions of every component
    /// serialize on the same lock.
    /// </summary>
    internal const long AdvisoryLockKey = 0x4F43_4D49_4752_4154;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IEnumerable<IMigrationSource> _sources;
    private readonly SchemaMigrationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SchemaMigrator> _logger;

    public SchemaMigrator(
        NpgsqlDataSource dataSource,
        IEnumerable<IMigrationSource> sources,
        IOptions<SchemaMigrationOptions> options,
        TimeProvider timeProvider,
        ILogger<SchemaMigrator> logger)
    {
        _dataSource = dataSource;
        _sources = sources;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Brings the schema up to date; returns how many migrations this call applied.</summary>
    /// <exception cref="DatabaseUnreachableException">The database could not be reached within the connect timeout.</exception>
    /// <exception cref="SchemaMigrationException">The migration set is invalid or a migration failed.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = CollectMigrations();
        var target = DatabaseTarget.Describe(_dataSource);
        LogMigrating(_logger, target, migrations.Count);

        await using var connection = await OpenAsync(target, cancellationToken);
        await EnsureHistoryTableAsync(connection, cancellationToken);
        var alreadyApplied = await ReadAppliedAsync(connection, cancellationToken);

        var appliedNow = 0;
        foreach (var (migration, source) in migrations)
        {
            if (!alreadyApplied.Contains(migration.Id) && await ApplyAsync(connection, migration, source, cancellationToken))
            {
                appliedNow++;
            }
        }

        LogUpToDate(_logger, target, appliedNow, migrations.Count);
        return appliedNow;
    }

    private List<(Migration Migration, string Source)> CollectMigrations()
    {
        var result = new List<(Migration, string)>();
        var sourceById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            var sourceName = source.GetType().Name;
            foreach (var migration in source.GetMigrations())
            {
                if (migration is null || string.IsNullOrWhiteSpace(migration.Id) || string.IsNullOrWhiteSpace(migration.Sql))
                {
                    throw new SchemaMigrationException(
                        $"{sourceName} contributed a migration without an id or without SQL (id: '{migration?.Id}').");
                }

                if (!sourceById.TryAdd(migration.Id, sourceName))
                {
                    throw new SchemaMigrationException(
                        $"Migration id '{migration.Id}' is contributed twice ({sourceById[migration.Id]} and {sourceName}); ids must be unique across components.")
                    {
                        MigrationId = migration.Id,
                    };
                }

                result.Add((migration, sourceName));
            }
        }

        return result;
    }

    private async Task<NpgsqlConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        try
        {
            // Bounded by the connection string's Timeout: Npgsql does not honour cancellation
            // while waiting for the server's handshake, so a token alone could not end the wait.
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            // Npgsql's messages name the endpoint or the server's refusal, never the password.
            throw new DatabaseUnreachableException(
                $"Could not connect to PostgreSQL at {target} (connect timeout {target.ConnectTimeoutSeconds} s): {ex.Message}", ex);
        }
    }

    private async Task EnsureHistoryTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Under the lock too: concurrent CREATE TABLE IF NOT EXISTS can still fail on the catalog's unique index.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        await using (var create = CreateCommand(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id         text        PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<HashSet<string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = CreateCommand(connection, null, "SELECT id FROM schema_migrations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private async Task<bool> ApplyAsync(NpgsqlConnection connection, Migration migration, string source, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);

        // Re-check under the lock: another starter may have applied it since this one read the list.
        await using (var check = CreateCommand(connection, transaction, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE id = $1)"))
        {
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Id });
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                await transaction.CommitAsync(cancellationToken);
                LogAppliedByAnother(_logger, migration.Id);
                return false;
            }
        }

        try
        {
            await using var apply = CreateCommand(connection, transaction, migration.Sql);
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            // Disposing the transaction rolls the migration back whole.
            throw new SchemaMigrationException($"Migration '{migration.Id}' from {source} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}).", ex)
            {
                MigrationId = migration.Id,
            };
        }

        await using (var record = CreateCommand(connection, transaction, "INSERT INTO schema_migrations (id, applied_at) VALUES ($1, now())"))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Id });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogApplied(_logger, migration.Id, source, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Transaction-scoped, so a crashed starter can never leave the lock held.
        await using var command = CreateCommand(connection, transaction, "SELECT pg_advisory_xact_lock($1)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand CreateCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) =>
        new(sql, connection, transaction)
        {
            CommandTimeout = (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds),
        };

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Checking {MigrationCount} schema migrations against PostgreSQL at {Target}")]
    private static partial void LogMigrating(ILogger logger, DatabaseTarget target, int migrationCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied schema migration {MigrationId} from {Source} in {ElapsedMilliseconds:0} ms")]
    private static partial void LogApplied(ILogger logger, string migrationId, string source, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Schema migration {MigrationId} was applied by another starter meanwhile")]
    private static partial void LogAppliedByAnother(ILogger logger, string migrationId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Schema at {Target} is up to date ({AppliedCount} of {MigrationCount} migrations applied now)")]
    private static partial void LogUpToDate(ILogger logger, DatabaseTarget target, int appliedCount, int migrationCount);
}
