using OrleansChat.Runtime.Storage;

namespace OrleansChat.Gateway.Uploads;

/// <summary>The <c>gateway_uploads</c> table: files stored in PostgreSQL (the default <see cref="IUploadStore"/>).</summary>
internal sealed class UploadMigrations : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() =>
    [
        new("gateway/0101-uploads", """
            CREATE TABLE gateway_uploads (
                upload_id       uuid        PRIMARY KEY,
                owner_id        text        NOT NULL,
                -- NULL for avatars (public); otherwise only this conversation's members may fetch it.
                conversation_id text        NULL,
                purpose         smallint    NOT NULL CHECK (purpose IN (1, 2)),
                -- Detected from the bytes at upload, never the client's claim.
                content_type    text        NOT NULL,
                file_name       text        NOT NULL,
                size            integer     NOT NULL CHECK (size > 0),
                sha256          bytea       NOT NULL,
                content         bytea       NOT NULL,
                created_at      timestamptz NOT NULL,
                CONSTRAINT gateway_uploads_scope CHECK ((purpose = 1) = (conversation_id IS NULL))
            );
            CREATE INDEX gateway_uploads_owner ON gateway_uploads (owner_id, created_at);
            """),
    ];
}
