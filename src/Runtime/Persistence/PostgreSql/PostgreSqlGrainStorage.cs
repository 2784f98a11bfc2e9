using System.Data;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>
/// Grain state in the PostgreSQL table <c>grain_state</c>, one row per (service, grain type, grain
/// key, state name). The ETag is the row's integer version; writes and clears are conditional on
/// it, so of two activations holding the same ETag exactly one succeeds and the other gets
/// <see cref="InconsistentStateException"/>. Nothing is retried here: the grain must re-read.
/// </summary>
internal sealed partial class PostgreSqlGrainStorage : IGrainStorage
{
    private readonly string _name;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlGrainStorageOptions _options;
    private readonly int _commandTimeoutSeconds;
    private readonly Lazy<SerializerSession?> _session;
    private readonly PayloadJsonRenderer _json;
    private readonly ILogger<PostgreSqlGrainStorage> _logger;
    private readonly Diagnostics.RuntimeInstruments? _instruments;

    /// <param name="session">Lets stored grain references be rebuilt; null where there is no grain factory.</param>
    public PostgreSqlGrainStorage(
        string name,
        PostgreSqlGrainStorageOptions options,
        NpgsqlDataSource dataSource,
        Lazy<SerializerSession?> session,
        ILogger<PostgreSqlGrainStorage> logger,
        Diagnostics.RuntimeInstruments? instruments = null)
    {
        _instruments = instruments;
        _name = name;
        _options = options;
        _dataSource = dataSource;
        _session = session;
        _logger = logger;
        _commandTimeoutSeconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _json = new PayloadJsonRenderer(logger);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        MeasureAsync("grain_state.read", ReadStateCoreAsync(stateName, grainId, grainState, cancellationToken));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        MeasureAsync("grain_state.write", WriteStateCoreAsync(stateName, grainId, grainState, cancellationToken));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        MeasureAsync("grain_state.clear", ClearStateCoreAsync(stateName, grainId, grainState, cancellationToken));

    private async Task MeasureAsync(string operation, Task command)
    {
        if (_instruments is null)
        {
            await command;
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = Diagnostics.CallOutcome.Failure;
        try
        {
            await command;
            outcome = Diagnostics.CallOutcome.Success;
        }
        catch (OperationCanceledException)
        {
            outcome = Diagnostics.CallOutcome.Canceled;
            throw;
        }
        finally
        {
            _instruments.DatabaseCommandCompleted(operation, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// No row: <c>RecordExists</c> false, ETag null, State untouched (the caller's fresh default).
    /// A cleared row: <c>RecordExists</c> false, ETag its version. Otherwise the stored state.
    /// </summary>
    /// <exception cref="GrainStateCorruptException">The stored payload cannot be deserialized.</exception>
    private async Task ReadStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        byte[]? payload;
        int version;
        await using (var command = CreateCommand(GrainStateSql.Read, stateName, grainId))
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                LogRead(_logger, _name, grainId, stateName, null);
                return;
            }

            payload = await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetFieldValue<byte[]>(0);
            version = reader.GetInt32(1);
        }

        if (payload is not null)
        {
            // Deserialize before touching grainState, so a corrupt row changes nothing in memory either.
            grainState.State = Deserialize<T>(payload, stateName, grainId);
        }

        grainState.ETag = FormatVersion(version);
        grainState.RecordExists = payload is not null;
        LogRead(_logger, _name, grainId, stateName, grainState.ETag);
    }

    /// <summary>Inserts (ETag null) or updates (ETag = stored version) the state; on success sets the new ETag.</summary>
    /// <exception cref="InconsistentStateException">Storage holds another version (or a record when the ETag is null).</exception>
    private async Task WriteStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        var heldEtag = grainState.ETag;
        var payload = Serializer.Serialize(grainState.State);
        var json = _json.Render(grainState.State);

        int? newVersion;
        if (heldEtag is null)
        {
            await using var insert = CreateCommand(GrainStateSql.Insert, stateName, grainId);
            AddPayload(insert, payload, json);
            newVersion = await ExecuteVersionAsync(insert, cancellationToken);
        }
        else if (TryParseVersion(heldEtag, out var heldVersion))
        {
            await using var update = CreateCommand(GrainStateSql.Update, stateName, grainId);
            AddPayload(update, payload, json);
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = heldVersion });
            newVersion = await ExecuteVersionAsync(update, cancellationToken);
        }
        else
        {
            newVersion = null;
        }

        if (newVersion is null)
        {
            throw await ConflictAsync("Write", stateName, grainId, heldEtag, cancellationToken);
        }

        grainState.ETag = FormatVersion(newVersion.Value);
        grainState.RecordExists = true;
        LogWritten(_logger, _name, grainId, stateName, grainState.ETag);
    }

    /// <summary>
    /// Deletes the row (<see cref="PostgreSqlGrainStorageOptions.DeleteStateOnClear"/>; ETag becomes
    /// null) or empties it and bumps its version (ETag becomes that version); conditional on the
    /// ETag like a write. With a null ETag and no row it does nothing. State is left to the caller.
    /// </summary>
    /// <exception cref="InconsistentStateException">Storage holds another version (or a record when the ETag is null).</exception>
    private async Task ClearStateCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        var heldEtag = grainState.ETag;
        if (heldEtag is null)
        {
            // Nothing was ever stored as far as the caller knows: fine if that is still true.
            if (await ReadVersionAsync(stateName, grainId, cancellationToken) is null)
            {
                grainState.RecordExists = false;
                return;
            }

            throw await ConflictAsync("Clear", stateName, grainId, heldEtag, cancellationToken);
        }

        int? result = null;
        if (TryParseVersion(heldEtag, out var heldVersion))
        {
            var sql = _options.DeleteStateOnClear ? GrainStateSql.Delete : GrainStateSql.ClearKeepingRow;
            await using var command = CreateCommand(sql, stateName, grainId);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = heldVersion });
            result = await ExecuteVersionAsync(command, cancellationToken);
        }

        if (result is null)
        {
            throw await ConflictAsync("Clear", stateName, grainId, heldEtag, cancellationToken);
        }

        grainState.ETag = _options.DeleteStateOnClear ? null : FormatVersion(result.Value);
        grainState.RecordExists = false;
        LogCleared(_logger, _name, grainId, stateName, grainState.ETag);
    }

    private T Deserialize<T>(byte[] payload, string stateName, GrainId grainId)
    {
        try
        {
            return Serializer.Deserialize<T>(payload, _session.Value);
        }
        catch (Exception ex) when (ex is not (TypeInitializationException or NotSupportedException))
        {
            // A missing codec (the two exceptions above) is a build problem, not damaged data: let it surface as it is.
            LogCorrupt(_logger, ex, _name, grainId, stateName, payload.Length);
            throw new GrainStateCorruptException(grainId, stateName, _name, ex);
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(
        string operation, string stateName, GrainId grainId, string? heldEtag, CancellationToken cancellationToken)
    {
        // Only to explain the conflict; the decision was already made by the conditional statement.
        var stored = await ReadVersionAsync(stateName, grainId, cancellationToken);
        var storedEtag = stored is null ? null : FormatVersion(stored.Value);
        LogConflict(_logger, operation, _name, grainId, stateName, heldEtag, storedEtag);
        return new InconsistentStateException(
            $"{operation} of state '{stateName}' of grain {grainId} in storage '{_name}' was refused: the caller holds " +
            $"{DescribeEtag(heldEtag)} but storage holds {DescribeEtag(storedEtag)}. Nothing was changed; re-read the state before trying again.",
            storedEtag,
            heldEtag);
    }

    private async Task<int?> ReadVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(GrainStateSql.ReadVersion, stateName, grainId);
        return await ExecuteVersionAsync(command, cancellationToken);
    }

    private static async Task<int?> ExecuteVersionAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) is int version ? version : null;

    private NpgsqlCommand CreateCommand(string sql, string stateName, GrainId grainId)
    {
        var command = _dataSource.CreateCommand(sql);
        command.CommandTimeout = _commandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return command;
    }

    private static void AddPayload(NpgsqlCommand command, byte[] payload, string? json)
    {
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
    }

    private static void Validate<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is the default value; a grain id needs a type and a key.", nameof(grainId));
        }
    }

    private static bool TryParseVersion(string etag, out int version) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    private static string FormatVersion(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static string DescribeEtag(string? etag) => etag is null ? "no ETag (no record)" : $"ETag '{etag}'";
}
