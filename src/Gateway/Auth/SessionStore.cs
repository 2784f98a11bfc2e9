using System.Security.Cryptography;
using Npgsql;
using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Diagnostics;

namespace OrleansChat.Gateway.Auth;

/// <summary>The <c>sessions</c> table, and the revocation notifications it sends.</summary>
internal sealed class SessionStore(NpgsqlDataSource dataSource, GatewayMetrics metrics)
{
    /// <summary>PostgreSQL channel for revocations; payload <c>"{sessionId} {userId} {accessExpiresAt unix ms}"</c>.</summary>
    public const string NotificationChannel = "orleanschat_session_revoked";

    // pg_notify inside the revoking statement: PostgreSQL delivers it only if and when that
    // transaction commits, so no replica hears of a revocation that was rolled back.
    private const string RevokeSql = $"""
        WITH revoked AS (
            UPDATE sessions SET revoked_at = $2, revoked_reason = $3
            WHERE session_id = $1 AND revoked_at IS NULL
            RETURNING session_id, user_id, access_expires_at)
        SELECT session_id, user_id, access_expires_at,
               pg_notify('{NotificationChannel}',
                         session_id::text || ' ' || user_id::text || ' ' || (extract(epoch FROM access_expires_at) * 1000)::bigint::text)
        FROM revoked
        """;

    public Task CreateAsync(NewSession session, CancellationToken cancellationToken) =>
        metrics.TimeDatabaseAsync("sessions.insert", () => InsertAsync(session, cancellationToken));

    /// <summary>
    /// Presents a refresh token (by its hash): if it is the session's current one, replaces it with
    /// <paramref name="newHash"/>; if it is the one before (already rotated), revokes the session.
    /// </summary>
    public Task<RefreshOutcome> RotateRefreshTokenAsync(
        Guid sessionId, byte[] presentedHash, byte[] newHash, DateTimeOffset now, TimeSpan accessTokenLifetime, CancellationToken cancellationToken) =>
        metrics.TimeDatabaseAsync("sessions.rotate_refresh_token", () => RotateAsync(sessionId, presentedHash, newHash, now, accessTokenLifetime, cancellationToken));

    private async Task InsertAsync(NewSession session, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sessions (session_id, user_id, refresh_token_hash, created_at, expires_at, access_expires_at, client_address, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = session.SessionId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = session.UserId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = session.RefreshTokenHash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = session.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = session.ExpiresAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = session.AccessExpiresAt });
        command.Parameters.Add(NullableText(session.ClientAddress));
        command.Parameters.Add(NullableText(session.UserAgent));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<RefreshOutcome> RotateAsync(
        Guid sessionId, byte[] presentedHash, byte[] newHash, DateTimeOffset now, TimeSpan accessTokenLifetime, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        Account account;
        byte[] currentHash;
        byte[]? previousHash;
        DateTimeOffset expiresAt;
        bool revoked;
        await using (var select = new NpgsqlCommand("""
            SELECT s.refresh_token_hash, s.previous_refresh_token_hash, s.expires_at, s.revoked_at IS NOT NULL,
                   a.user_id, a.username, a.is_guest, a.created_at
            FROM sessions s JOIN accounts a ON a.user_id = s.user_id
            WHERE s.session_id = $1
            FOR UPDATE OF s
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return RefreshOutcome.Invalid.Instance;
            }

            currentHash = reader.GetFieldValue<byte[]>(0);
            previousHash = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            expiresAt = reader.GetFieldValue<DateTimeOffset>(2);
            revoked = reader.GetBoolean(3);
            account = new Account(reader.GetGuid(4), reader.GetString(5), reader.GetBoolean(6), reader.GetFieldValue<DateTimeOffset>(7));
        }

        if (revoked || expiresAt <= now)
        {
            return RefreshOutcome.Invalid.Instance;
        }

        if (CryptographicOperations.FixedTimeEquals(currentHash, presentedHash))
        {
            var accessExpiresAt = now + accessTokenLifetime < expiresAt ? now + accessTokenLifetime : expiresAt;
            await using var update = new NpgsqlCommand("""
                UPDATE sessions
                SET previous_refresh_token_hash = refresh_token_hash, refresh_token_hash = $2, last_refreshed_at = $3,
                    access_expires_at = greatest(access_expires_at, $4)
                WHERE session_id = $1
                """, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = newHash });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = accessExpiresAt });
            await update.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RefreshOutcome.Rotated(account, sessionId, expiresAt, accessExpiresAt);
        }

        if (previousHash is not null && CryptographicOperations.FixedTimeEquals(previousHash, presentedHash))
        {
            var revokedSession = await RevokeAsync(connection, transaction, sessionId, "refresh_token_reused", now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return revokedSession is null ? RefreshOutcome.Invalid.Instance : new RefreshOutcome.Reused(revokedSession);
        }

        return RefreshOutcome.Invalid.Instance;
    }

    /// <summary>Revokes a session; null if it does not exist or was already revoked.</summary>
    public async Task<RevokedSession?> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await RevokeAsync(connection, null, sessionId, reason, now, cancellationToken);
    }

    /// <summary>Revoked sessions that may still have access tokens valid at <paramref name="accessExpiresAfter"/>.</summary>
    public async Task<IReadOnlyList<RevokedSession>> ReadRevokedAsync(DateTimeOffset accessExpiresAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT session_id, user_id, access_expires_at FROM sessions
            WHERE revoked_at IS NOT NULL AND access_expires_at > $1
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = accessExpiresAfter });
        var sessions = new List<RevokedSession>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new RevokedSession(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return sessions;
    }

    /// <summary>Deletes sessions that ended before <paramref name="endedBefore"/> (their tokens are all expired by then).</summary>
    public async Task<int> DeleteEndedAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sessions WHERE expires_at < $1 AND access_expires_at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = endedBefore });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<RevokedSession?> RevokeAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RevokeSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RevokedSession(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    private static NpgsqlParameter NullableText(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
