using Npgsql;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Data access for one cluster's membership rows. Every change of status or votes runs in a
/// transaction that first does <c>UPDATE version = version + 1 WHERE version = @expected</c> on the
/// cluster's version row: that row lock serializes writers, and a writer whose snapshot is stale
/// changes nothing and gets null back (re-read and retry). The I-am-alive heartbeat is the only
/// unconditional write and does not bump the version.
/// </summary>
internal sealed class MembershipTable : IAsyncDisposable
{
    private const string BumpVersionSql = """
        UPDATE cluster_membership_version SET version = version + 1, timestamp = now()
        WHERE cluster_id = @cluster AND version = @expected
        RETURNING version
        """;

    private const string InsertSql = """
        INSERT INTO cluster_members (cluster_id, host, port, generation, silo_name, probe_port, status, start_time, i_am_alive_time)
        VALUES (@cluster, @host, @port, @generation, @name, @probe_port, @status, @start_time, now())
        ON CONFLICT DO NOTHING
        """;

    // status < @status: statuses only move forward, so a stale writer cannot resurrect a row.
    private const string SetStatusSql = """
        UPDATE cluster_members SET status = @status
        WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation AND status < @status
        """;

    // Keeps one vote per voter (the newest) and drops expired ones, all on the database clock.
    private const string SuspectSql = """
        UPDATE cluster_members SET
            suspect_times = (
                SELECT coalesce(jsonb_agg(v), '[]'::jsonb)
                FROM jsonb_array_elements(suspect_times) v
                WHERE v->>'voter' <> @voter AND (v->>'time')::timestamptz > now() - @expiration
            ) || jsonb_build_array(jsonb_build_object('voter', @voter::text, 'time', now())),
            status = CASE WHEN @declare_dead THEN 6 ELSE status END
        WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation AND status <> 6
        """;

    private const string IAmAliveSql = """
        UPDATE cluster_members SET i_am_alive_time = now()
        WHERE cluster_id = @cluster AND host = @host AND port = @port AND generation = @generation AND status <> 6
        """;

    // Data-modifying CTEs always run; the version moves only when a row was deleted.
    private const string DeleteDefunctSql = """
        WITH deleted AS (
            DELETE FROM cluster_members
            WHERE cluster_id = @cluster AND status = 6 AND i_am_alive_time < now() - @age
            RETURNING 1
        ), bumped AS (
            UPDATE cluster_membership_version SET version = version + 1, timestamp = now()
            WHERE cluster_id = @cluster AND EXISTS (SELECT 1 FROM deleted)
            RETURNING 1
        )
        SELECT count(*) FROM deleted
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    public MembershipTable(NpgsqlDataSource dataSource, string clusterId, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }

    /// <summary>Creates the tables if needed and the cluster's version row (version 0) if missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await MembershipSchema.ApplyAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO cluster_membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT (cluster_id) DO NOTHING");
        command.Parameters.AddWithValue("cluster", ClusterId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        MembershipRows.ReadAsync(_dataSource, ClusterId, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="entry"/> (its I-am-alive time is set to the database clock) and
    /// declares <paramref name="declareDead"/> Dead, atomically. Returns the new version, or null
    /// when the version moved or the row already exists.
    /// </summary>
    public Task<long?> TryInsertAsync(long expectedVersion, MembershipEntry entry, IReadOnlyList<SiloAddress> declareDead, CancellationToken cancellationToken) =>
        CompareAndSwapAsync(expectedVersion, async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction, InsertSql, entry.Address);
            insert.Parameters.AddWithValue("name", entry.SiloName);
            insert.Parameters.AddWithValue("probe_port", entry.ProbePort);
            insert.Parameters.AddWithValue("status", (short)entry.Status);
            insert.Parameters.AddWithValue("start_time", entry.StartTime);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }

            foreach (var old in declareDead)
            {
                await using var kill = Command(connection, transaction, SetStatusSql, old);
                kill.Parameters.AddWithValue("status", (short)SiloStatus.Dead);
                await kill.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <summary>Moves <paramref name="silo"/> forward to <paramref name="status"/>; null when the version moved or the row is missing or already at or past that status.</summary>
    public Task<long?> TrySetStatusAsync(long expectedVersion, SiloAddress silo, SiloStatus status, CancellationToken cancellationToken) =>
        CompareAndSwapAsync(expectedVersion, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, SetStatusSql, silo);
            command.Parameters.AddWithValue("status", (short)status);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>
    /// Adds (or refreshes) <paramref name="voter"/>'s vote against <paramref name="suspect"/>, and
    /// declares it Dead in the same write when <paramref name="declareDead"/>; null when the version
    /// moved or the suspect's row is missing or Dead.
    /// </summary>
    public Task<long?> TrySuspectAsync(long expectedVersion, SiloAddress suspect, SiloAddress voter, TimeSpan voteExpiration, bool declareDead, CancellationToken cancellationToken) =>
        CompareAndSwapAsync(expectedVersion, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, SuspectSql, suspect);
            command.Parameters.AddWithValue("voter", voter.ToString());
            command.Parameters.AddWithValue("expiration", voteExpiration);
            command.Parameters.AddWithValue("declare_dead", declareDead);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Writes the heartbeat; false when the row is missing or Dead.</summary>
    public async Task<bool> UpdateIAmAliveAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, IAmAliveSql, silo);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes Dead rows whose last heartbeat is older than <paramref name="age"/>; returns how many.</summary>
    public async Task<int> DeleteDefunctAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(DeleteDefunctSql);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("age", age);
        var deleted = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(deleted, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    private async Task<long?> CompareAndSwapAsync(long expectedVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> change, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long? newVersion;
        await using (var bump = new NpgsqlCommand(BumpVersionSql, connection, transaction))
        {
            bump.Parameters.AddWithValue("cluster", ClusterId);
            bump.Parameters.AddWithValue("expected", expectedVersion);
            newVersion = await bump.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        }

        if (newVersion is null || !await change(connection, transaction).ConfigureAwait(false))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return newVersion;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, SiloAddress silo)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("host", silo.Host);
        command.Parameters.AddWithValue("port", silo.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
        return command;
    }
}
