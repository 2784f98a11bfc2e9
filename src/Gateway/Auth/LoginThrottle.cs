using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Sliding-window attempt budgets kept in <c>login_attempts</c>, so every replica counts the
/// same attempts.
/// </summary>
/// <remarks>
/// Reserve first, then count: a request records its attempt before it checks the budget, and
/// counts only attempts recorded before its own. A burst of parallel guesses therefore cannot
/// all pass the check before any of them is recorded (which "check, verify, then record" would
/// allow). A refused attempt removes its row, so the budget is exactly N attempts per window;
/// a successful login removes its row and clears the account's failures; a failed one stays as
/// the record of the failure.
/// </remarks>
internal sealed class LoginThrottle(NpgsqlDataSource dataSource, IOptions<LoginThrottleOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _window = options.Value.Window;

    public async Task<ThrottleReservation> ReserveAsync(IReadOnlyList<ThrottleKey> keys, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var ids = new long[keys.Count];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var i = 0; i < keys.Count; i++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO login_attempts (scope, subject, attempted_at) VALUES ($1, $2, $3) RETURNING attempt_id", connection);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keys[i].Scope });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keys[i].Subject });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            ids[i] = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        TimeSpan? retryAfter = null;
        for (var i = 0; i < keys.Count; i++)
        {
            // The Limit-th most recent earlier attempt in the window: while it exists the budget is
            // spent, and it leaves the window (freeing one attempt) at attempted_at + window.
            await using var count = new NpgsqlCommand("""
                SELECT attempted_at FROM login_attempts
                WHERE scope = $1 AND subject = $2 AND attempted_at > $3 AND attempt_id < $4
                ORDER BY attempted_at DESC, attempt_id DESC
                OFFSET $5 LIMIT 1
                """, connection);
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keys[i].Scope });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keys[i].Subject });
            count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - _window });
            count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ids[i] });
            count.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keys[i].Limit - 1 });
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var wait = reader.GetFieldValue<DateTimeOffset>(0) + _window - now;
                retryAfter = retryAfter is { } known && known > wait ? known : wait;
            }
        }

        if (retryAfter is null)
        {
            return new ThrottleReservation(ids, null);
        }

        await DeleteAsync(connection, ids, cancellationToken);
        return new ThrottleReservation([], retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
    }

    /// <summary>The attempt succeeded: forget it, and every earlier failure of <paramref name="clear"/>.</summary>
    public async Task ReleaseAsync(ThrottleReservation reservation, ThrottleKey? clear, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await DeleteAsync(connection, reservation.AttemptIds, cancellationToken);
        if (clear is not null)
        {
            await using var command = new NpgsqlCommand("DELETE FROM login_attempts WHERE scope = $1 AND subject = $2", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clear.Scope });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clear.Subject });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Deletes attempts older than the window (they no longer count).</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM login_attempts WHERE attempted_at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timeProvider.GetUtcNow() - _window });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("DELETE FROM login_attempts WHERE attempt_id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
