using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>DM threads in <c>chat_direct_threads</c> (so users can list them).</summary>
internal sealed class DirectThreadStore(ChatDatabase database)
{
    /// <summary>The thread's creation time, creating it now if needed.</summary>
    public async Task<DateTimeOffset> EnsureAsync(string conversationId, string userA, string userB, DateTimeOffset at)
    {
        try
        {
            return await database.ScalarAsync<DateTimeOffset>("""
                WITH ins AS (
                    INSERT INTO chat_direct_threads (conversation_id, user_a, user_b, created_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (conversation_id) DO NOTHING
                    RETURNING created_at
                )
                SELECT created_at FROM ins
                UNION ALL
                SELECT created_at FROM chat_direct_threads WHERE conversation_id = $1
                LIMIT 1
                """, conversationId, userA, userB, at);
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, "Both users must be registered to start a direct-message thread.");
        }
    }

    public async Task<DateTimeOffset?> GetCreatedAtAsync(string conversationId) =>
        await database.ScalarAsync<DateTimeOffset?>("SELECT created_at FROM chat_direct_threads WHERE conversation_id = $1", conversationId);
}
