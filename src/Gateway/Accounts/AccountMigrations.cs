using OrleansChat.Runtime.Storage;

namespace OrleansChat.Gateway.Accounts;

/// <summary>The <c>accounts</c> table. Registered before the auth migrations, whose tables reference it.</summary>
internal sealed class AccountMigrations : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() =>
    [
        new("gateway/0001-accounts", """
            CREATE TABLE accounts (
                user_id             uuid        PRIMARY KEY,
                username            text        NOT NULL,
                -- Lower-cased username: uniqueness is case-insensitive ("Alice" blocks "alice").
                username_normalized text        NOT NULL,
                -- ASP.NET Core PasswordHasher V3 (PBKDF2-HMAC-SHA512); NULL only for guests.
                password_hash       text        NULL,
                is_guest            boolean     NOT NULL,
                created_at          timestamptz NOT NULL,
                CONSTRAINT accounts_username_normalized_key UNIQUE (username_normalized),
                CONSTRAINT accounts_username_format CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
                CONSTRAINT accounts_username_normalized_is_lower CHECK (username_normalized = lower(username)),
                CONSTRAINT accounts_password_unless_guest CHECK (is_guest OR password_hash IS NOT NULL)
            );
            """),
    ];
}
