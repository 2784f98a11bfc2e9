using OrleansChat.Runtime.Storage;

namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>The grain state table, shared by every PostgreSQL grain storage (rows are keyed by service id).</summary>
internal sealed class PostgreSqlGrainStorageMigrations : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() =>
    [
        // The grain type is part of the key (Orleans' ADO.NET storage lets two types with one key
        // overwrite each other, dotnet/orleans#8746) and keys are text compared as text, so "020"
        // and "20" stay two grains (#9706).
        new Migration("runtime/0001-grain-state", """
            CREATE TABLE grain_state (
                service_id   text        NOT NULL,
                grain_type   text        NOT NULL,
                grain_key    text        NOT NULL,
                state_name   text        NOT NULL,
                payload      bytea,
                payload_json jsonb,
                version      integer     NOT NULL CHECK (version > 0),
                modified_at  timestamptz NOT NULL,
                PRIMARY KEY (service_id, grain_type, grain_key, state_name)
            );
            """),
    ];
}
