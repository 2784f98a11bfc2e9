using System.Security.Cryptography;
using Npgsql;

namespace OrleansChat.Gateway.Auth;

/// <summary>The <c>auth_signing_keys</c> table: the key ring every replica shares.</summary>
internal sealed class SigningKeyStore(NpgsqlDataSource dataSource, SigningKeyProtector protector)
{
    public const string Algorithm = "HS256";

    /// <summary>Serializes key creation across replicas ("OCAUTHKY" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x4F43_4155_5448_4B59;
    private const int KeyBytes = 64;

    /// <summary>
    /// Makes sure a key will be able to sign for at least <paramref name="lead"/> from now,
    /// creating the next one when not, and drops keys that verify nothing any more. Safe to call
    /// from every replica at once: the work happens under a transaction-scoped advisory lock.
    /// Returns the id of the key it created, if any.
    /// </summary>
    public async Task<string?> EnsureCurrentAsync(
        DateTimeOffset now, TimeSpan lead, TimeSpan activationDelay, TimeSpan lifetime, TimeSpan verifyExtension, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var prune = new NpgsqlCommand("DELETE FROM auth_signing_keys WHERE verify_until < $1", connection, transaction))
        {
            prune.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        bool anySigningNow;
        bool anySigningLater;
        await using (var check = new NpgsqlCommand("""
            SELECT coalesce(bool_or(activates_at <= $1 AND sign_until > $1), false),
                   coalesce(bool_or(sign_until > $2), false)
            FROM auth_signing_keys
            """, connection, transaction))
        {
            check.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            check.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lead });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            anySigningNow = reader.GetBoolean(0);
            anySigningLater = reader.GetBoolean(1);
        }

        string? created = null;
        if (!anySigningLater)
        {
            // While a key still signs, the next one activates only after every replica has had
            // time to load it, so no replica meets a token signed with a key it never saw.
            var activatesAt = anySigningNow ? now + activationDelay : now;
            var signUntil = activatesAt + lifetime;
            created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var material = RandomNumberGenerator.GetBytes(KeyBytes);
            try
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO auth_signing_keys (key_id, algorithm, protected_key, created_at, activates_at, sign_until, verify_until)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = created });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Algorithm });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = protector.Protect(created, material) });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = activatesAt });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = signUntil });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = signUntil + verifyExtension });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(material);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Decrypts a loaded key's material.</summary>
    /// <exception cref="CryptographicException">It was encrypted under another secret or altered.</exception>
    public byte[] Unprotect(StoredSigningKey key) => protector.Unprotect(key.KeyId, key.ProtectedKey);

    /// <summary>Every key that still verifies at <paramref name="now"/>, with its protected material.</summary>
    public async Task<IReadOnlyList<StoredSigningKey>> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT key_id, algorithm, protected_key, activates_at, sign_until, verify_until
            FROM auth_signing_keys WHERE verify_until > $1
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var keys = new List<StoredSigningKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new StoredSigningKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return keys;
    }
}
