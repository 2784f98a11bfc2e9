using Npgsql;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Moderation;

/// <summary>
/// Writes audit rows inside the transaction of the action they record (so an action and its audit
/// row commit together or not at all) and reads them back for admins.
/// </summary>
internal sealed class AuditLog(ChatDatabase database)
{
    private const string InsertSql = """
        INSERT INTO chat_audit_log (occurred_at, actor_id, action, target_kind, target_id, conversation_id, reason, details)
        VALUES ($1, $2, $3, $4, $5, $6::text, $7::text, $8::text)
        """;

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry)
    {
        await using var command = database.Command(connection, transaction, InsertSql,
            entry.OccurredAt, entry.ActorId, entry.Action, entry.TargetKind, entry.TargetId, entry.ConversationId, entry.Reason, entry.Details);
        await command.ExecuteNonQueryAsync();
    }

    public Task WriteAsync(AuditEntry entry) => database.InTransactionAsync(async (connection, transaction) =>
    {
        await WriteAsync(connection, transaction, entry);
        return true;
    });

    /// <summary>The newest entries about <paramref name="conversationId"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string conversationId, long? beforeId, int limit)
    {
        await using var command = database.Command("""
            SELECT audit_id, occurred_at, actor_id, action, target_kind, target_id, conversation_id, reason, details
            FROM chat_audit_log
            WHERE conversation_id = $1 AND audit_id < $2
            ORDER BY audit_id DESC
            LIMIT $3
            """, conversationId, beforeId ?? long.MaxValue, limit);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries;
    }
}
