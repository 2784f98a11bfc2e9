using Npgsql;
using OrleansChat.Gateway.Diagnostics;

namespace OrleansChat.Gateway.Accounts;

/// <summary>The <c>accounts</c> table.</summary>
internal sealed class AccountStore(NpgsqlDataSource dataSource, GatewayMetrics metrics)
{
    private const string UniqueViolation = "23505";
    private const string Columns = "user_id, username, is_guest, created_at";

    /// <summary>Inserts an account; returns false if the (case-insensitive) username is taken.</summary>
    public Task<bool> TryCreateAsync(Account account, string? passwordHash, CancellationToken cancellationToken) =>
        metrics.TimeDatabaseAsync("accounts.insert", () => InsertAsync(account, passwordHash, cancellationToken));

    public Task<StoredAccount?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        metrics.TimeDatabaseAsync("accounts.find_by_username", () => SelectByUsernameAsync(username, cancellationToken));

    public Task<Account?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) =>
        metrics.TimeDatabaseAsync("accounts.find_by_id", () => SelectByIdAsync(userId, cancellationToken));

    private async Task<bool> InsertAsync(Account account, string? passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO accounts (user_id, username, username_normalized, password_hash, is_guest, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = account.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Username });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UsernameRules.Normalize(account.Username) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)passwordHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = account.IsGuest });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = account.CreatedAt });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation && ex.ConstraintName == "accounts_username_normalized_key")
        {
            return false;
        }
    }

    private async Task<StoredAccount?> SelectByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, password_hash FROM accounts WHERE username_normalized = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UsernameRules.Normalize(username) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredAccount(ReadAccount(reader), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    private async Task<Account?> SelectByIdAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM accounts WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadAccount(reader) : null;
    }

    /// <summary>Replaces a hash after a successful login with an outdated one (fewer iterations, older PRF).</summary>
    public async Task UpdatePasswordHashAsync(Guid userId, string expectedOldHash, string newHash, CancellationToken cancellationToken)
    {
        // Conditional on the old hash, so a concurrent password change is never overwritten.
        await using var command = dataSource.CreateCommand("UPDATE accounts SET password_hash = $3 WHERE user_id = $1 AND password_hash = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expectedOldHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = newHash });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Account ReadAccount(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<DateTimeOffset>(3));
}
