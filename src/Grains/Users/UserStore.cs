using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>Accounts (<c>chat_users</c>), user search, and a user's conversations with unread counts.</summary>
internal sealed class UserStore(ChatDatabase database)
{
    public async Task RegisterAsync(UserRecord user)
    {
        try
        {
            await database.ExecuteAsync("""
                INSERT INTO chat_users (user_id, username, username_key, display_name, is_guest, created_at, updated_at)
                VALUES ($1, $2, lower($2), $3, $4, $5, $5)
                """, user.UserId, user.Username, user.DisplayName, user.IsGuest, user.CreatedAt);
        }
        catch (PostgresException ex) when (ChatDatabase.IsUniqueViolation(ex, "chat_users_pkey"))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserAlreadyRegistered, "This account is already registered.");
        }
        catch (PostgresException ex) when (ChatDatabase.IsUniqueViolation(ex, "chat_users_username_key"))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNameTaken, $"The username '{user.Username}' is taken.");
        }
    }

    public async Task<UserRecord?> LoadAsync(string userId)
    {
        await using var command = database.Command("""
            SELECT user_id, username, display_name, avatar_url, bio, custom_status, is_guest, created_at
            FROM chat_users WHERE user_id = $1
            """, userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new UserRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetBoolean(6),
            reader.GetFieldValue<DateTimeOffset>(7));
    }

    public Task UpdateProfileAsync(UserRecord user, DateTimeOffset at) =>
        database.ExecuteAsync("""
            UPDATE chat_users SET display_name = $2, avatar_url = $3::text, bio = $4::text, custom_status = $5::text, updated_at = $6
            WHERE user_id = $1
            """, user.UserId, user.DisplayName, user.AvatarUrl, user.Bio, user.CustomStatus, at);

    public async Task<UserSummary?> FindByNameAsync(string username)
    {
        var found = await SearchAsync("SELECT user_id, username, display_name FROM chat_users WHERE username_key = lower($1) LIMIT $2", username, 1);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<UserSummary>> SearchAsync(string prefix, int limit) =>
        SearchAsync("""
            SELECT user_id, username, display_name FROM chat_users
            WHERE starts_with(username_key, lower($1)) AND NOT is_guest
            ORDER BY username_key LIMIT $2
            """, prefix, limit);

    /// <summary>The user's live rooms and DM threads, each with its head, read position and unread count, in one query.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ConversationsAsync(string userId)
    {
        await using var command = database.Command("""
            WITH conversations AS (
                SELECT 'room:' || r.room_id AS conversation_id, 0 AS kind, r.room_id AS target_id, r.name AS title, m.role
                FROM chat_room_members m JOIN chat_rooms r ON r.room_id = m.room_id
                WHERE m.user_id = $1 AND r.deleted_at IS NULL
                UNION ALL
                SELECT t.conversation_id, 1, CASE WHEN t.user_a = $1 THEN t.user_b ELSE t.user_a END, NULL, NULL
                FROM chat_direct_threads t WHERE t.user_a = $1 OR t.user_b = $1
            )
            SELECT c.conversation_id, c.kind, c.target_id, c.title, c.role,
                   coalesce(h.last_seq, 0), coalesce(p.last_read_seq, 0),
                   (SELECT count(*) FROM (
                        SELECT 1 FROM chat_messages x
                        WHERE x.conversation_id = c.conversation_id AND x.seq > coalesce(p.last_read_seq, 0)
                          AND x.sender_id <> $1 AND x.deleted_at IS NULL
                        LIMIT 1000) unread)::int
            FROM conversations c
            LEFT JOIN chat_read_positions p ON p.user_id = $1 AND p.conversation_id = c.conversation_id
            LEFT JOIN LATERAL (SELECT max(seq) AS last_seq FROM chat_messages y WHERE y.conversation_id = c.conversation_id) h ON true
            ORDER BY c.kind, c.conversation_id
            """, userId);
        await using var reader = await command.ExecuteReaderAsync();
        var summaries = new List<ConversationSummary>();
        while (await reader.ReadAsync())
        {
            summaries.Add(new ConversationSummary(
                reader.GetString(0),
                (ConversationKind)reader.GetInt32(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : (RoomRole)reader.GetInt16(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt32(7)));
        }

        return summaries;
    }

    private async Task<IReadOnlyList<UserSummary>> SearchAsync(string sql, string value, int limit)
    {
        await using var command = database.Command(sql, value, limit);
        await using var reader = await command.ExecuteReaderAsync();
        var users = new List<UserSummary>();
        while (await reader.ReadAsync())
        {
            users.Add(new UserSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return users;
    }
}
