using OrleansChat.Runtime.Storage;

namespace OrleansChat.Gateway.Auth;

/// <summary>Sessions, signing keys and login attempts. Registered after the accounts migration they reference.</summary>
internal sealed class AuthMigrations : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() =>
    [
        new("gateway/0002-sessions", """
            CREATE TABLE sessions (
                session_id                  uuid        PRIMARY KEY,
                user_id                     uuid        NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
                -- SHA-256 of the current refresh token's secret; the token itself is never stored.
                refresh_token_hash          bytea       NOT NULL,
                -- The hash it replaced: presenting that one again means the token was copied, and ends the session.
                previous_refresh_token_hash bytea       NULL,
                created_at                  timestamptz NOT NULL,
                last_refreshed_at           timestamptz NULL,
                -- Absolute end of the session: no refresh after it.
                expires_at                  timestamptz NOT NULL,
                -- Latest exp of any access token issued for the session; a revoked session stays
                -- in every replica's revocation cache until then.
                access_expires_at           timestamptz NOT NULL,
                revoked_at                  timestamptz NULL,
                revoked_reason              text        NULL,
                client_address              text        NULL,
                user_agent                  text        NULL
            );
            CREATE INDEX sessions_user_id_idx ON sessions (user_id);
            CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
            -- What every replica polls: revoked sessions whose access tokens may still be unexpired.
            CREATE INDEX sessions_revoked_access_expires_idx ON sessions (access_expires_at) WHERE revoked_at IS NOT NULL;
            """),
        new("gateway/0003-auth-signing-keys", """
            CREATE TABLE auth_signing_keys (
                key_id        text        PRIMARY KEY,
                algorithm     text        NOT NULL,
                -- The HMAC key encrypted with AES-256-GCM under a key derived from
                -- Gateway:Auth:SigningSecret (format version, nonce, tag, ciphertext).
                protected_key bytea       NOT NULL,
                created_at    timestamptz NOT NULL,
                -- Signs new tokens from activates_at until sign_until; verifies until verify_until.
                activates_at  timestamptz NOT NULL,
                sign_until    timestamptz NOT NULL,
                verify_until  timestamptz NOT NULL
            );
            """),
        new("gateway/0004-login-attempts", """
            CREATE TABLE login_attempts (
                attempt_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                -- 'account' (normalized username), 'address' (client address) or 'signup' (client address).
                scope        text        NOT NULL,
                subject      text        NOT NULL,
                attempted_at timestamptz NOT NULL
            );
            CREATE INDEX login_attempts_subject_idx ON login_attempts (scope, subject, attempted_at);
            CREATE INDEX login_attempts_attempted_at_idx ON login_attempts (attempted_at);
            """),
    ];
}
