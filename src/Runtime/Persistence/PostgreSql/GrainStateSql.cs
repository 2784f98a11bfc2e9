namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>
/// The grain storage's statements. $1..$4 are always the key (service id, grain type, grain key,
/// state name). Every change is a single conditional statement returning the new version, so the
/// database decides which of two racing writers wins; nothing is read-then-written.
/// </summary>
internal static class GrainStateSql
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    public const string Read = $"SELECT payload, version FROM grain_state WHERE {Key}";

    public const string ReadVersion = $"SELECT version FROM grain_state WHERE {Key}";

    /// <summary>A first write: loses (no row returned) if any row exists, cleared ones included.</summary>
    public const string Insert = """
        INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, payload_json, version, modified_at)
        VALUES ($1, $2, $3, $4, $5, $6, 1, now())
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    /// <summary>$5 payload, $6 payload_json, $7 the version the writer holds.</summary>
    public const string Update = $"""
        UPDATE grain_state
        SET payload = $5, payload_json = $6, version = version + 1, modified_at = now()
        WHERE {Key} AND version = $7
        RETURNING version
        """;

    /// <summary>$5 the version the writer holds.</summary>
    public const string ClearKeepingRow = $"""
        UPDATE grain_state
        SET payload = NULL, payload_json = NULL, version = version + 1, modified_at = now()
        WHERE {Key} AND version = $5
        RETURNING version
        """;

    /// <summary>$5 the version the writer holds.</summary>
    public const string Delete = $"DELETE FROM grain_state WHERE {Key} AND version = $5 RETURNING version";
}
