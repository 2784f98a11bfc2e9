using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Notifications;

/// <summary>Notification inboxes in <c>chat_notifications</c>, one row per notification.</summary>
internal sealed class NotificationStore(ChatDatabase database)
{
    /// <summary>Stores a notification, unless the recipient blocks the actor (then null).</summary>
    public async Task<Notification?> AddAsync(string userId, NotificationDraft draft, DateTimeOffset at)
    {
        var id = await database.ScalarAsync<long?>("""
            INSERT INTO chat_notifications (user_id, kind, actor_id, conversation_id, seq, text, created_at)
            SELECT $1, $2, $3, $4::text, $5::bigint, $6::text, $7
            WHERE NOT EXISTS (SELECT 1 FROM chat_user_blocks WHERE blocker_id = $1 AND blocked_id = $3)
            RETURNING notification_id
            """, userId, (short)draft.Kind, draft.ActorId, draft.ConversationId, draft.Seq, draft.Text, at);
        return id is { } value
            ? new Notification(value, draft.Kind, draft.ActorId, draft.ConversationId, draft.Seq, draft.Text, at, IsRead: false)
            : null;
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(string userId, NotificationQuery query)
    {
        await using var command = database.Command("""
            SELECT notification_id, kind, actor_id, conversation_id, seq, text, created_at, read_at IS NOT NULL
            FROM chat_notifications
            WHERE user_id = $1 AND notification_id < $2 AND (NOT $3 OR read_at IS NULL)
            ORDER BY notification_id DESC
            LIMIT $4
            """, userId, query.BeforeId ?? long.MaxValue, query.UnreadOnly, query.Limit);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<Notification>();
        while (await reader.ReadAsync())
        {
            items.Add(new Notification(
                reader.GetInt64(0),
                (NotificationKind)reader.GetInt16(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetBoolean(7)));
        }

        return items;
    }

    public async Task<int> UnreadCountAsync(string userId) =>
        (int)await database.ScalarAsync<long>("SELECT count(*) FROM chat_notifications WHERE user_id = $1 AND read_at IS NULL", userId);

    /// <summary>Marks every unread notification up to <paramref name="upToId"/> read; returns how many changed.</summary>
    public Task<int> MarkReadAsync(string userId, long upToId, DateTimeOffset at) =>
        database.ExecuteAsync(
            "UPDATE chat_notifications SET read_at = $3 WHERE user_id = $1 AND notification_id <= $2 AND read_at IS NULL", userId, upToId, at);
}
