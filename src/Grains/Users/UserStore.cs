using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Accounts, relationships, blocks and game invitations in PostgreSQL. A relationship is a row per
/// direction, and both rows change in one transaction, so the two users never disagree.
/// </summary>
internal sealed class UserStore(ChatDatabase database)
{
    private const short Friends = 1;
    private const short Outgoing = 2;
    private const short Incoming = 3;

    private const string BlockedEitherWay = """
        SELECT EXISTS (SELECT 1 FROM chat_user_blocks
                       WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1))
        """;

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

    /// <summary>Requests friendship, or accepts the other user's pending request. Returns the resulting state.</summary>
    public async Task<FriendshipState> RequestFriendshipAsync(string userId, string otherId, DateTimeOffset at)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async (connection, transaction) =>
                {
                    if (await Scalar<bool>(connection, transaction, BlockedEitherWay, userId, otherId))
                    {
                        throw Blocked();
                    }

                    var kind = await Scalar<short?>(connection, transaction,
                        "SELECT kind FROM chat_relationships WHERE user_id = $1 AND other_id = $2 FOR UPDATE", userId, otherId);
                    switch (kind)
                    {
                        case Friends:
                            throw ChatErrors.Of(ChatErrorCodes.FriendAlready, "You are already friends.");
                        case Outgoing:
                            throw ChatErrors.Of(ChatErrorCodes.FriendRequestPending, "Your friend request is already pending.");
                        case Incoming:
                            await SetFriendsAsync(connection, transaction, userId, otherId, at);
                            return FriendshipState.Friends;
                    }

                    await Execute(connection, transaction, """
                        INSERT INTO chat_relationships (user_id, other_id, kind, since) VALUES ($1, $2, 2, $3), ($2, $1, 3, $3)
                        """, userId, otherId, at);
                    return FriendshipState.RequestSent;
                });
            }
            catch (PostgresException ex) when (attempt == 1 && ChatDatabase.IsUniqueViolation(ex))
            {
                // The other user requested at the same moment; the second attempt sees their request and accepts it.
            }
            catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
            {
                throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{otherId}' is not registered.");
            }
        }
    }

    public Task<bool> AcceptFriendshipAsync(string userId, string otherId, DateTimeOffset at) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var kind = await Scalar<short?>(connection, transaction,
                "SELECT kind FROM chat_relationships WHERE user_id = $1 AND other_id = $2 FOR UPDATE", userId, otherId);
            if (kind != Incoming)
            {
                return false;
            }

            await SetFriendsAsync(connection, transaction, userId, otherId, at);
            return true;
        });

    /// <summary>Deletes the pair of rows in state (<paramref name="mine"/>, its mirror); false when there was none.</summary>
    public async Task<bool> DeleteRelationshipAsync(string userId, string otherId, FriendshipState mine)
    {
        var (kind, mirror) = mine switch
        {
            FriendshipState.Friends => (Friends, Friends),
            FriendshipState.RequestSent => (Outgoing, Incoming),
            FriendshipState.RequestReceived => (Incoming, Outgoing),
            _ => throw new ArgumentOutOfRangeException(nameof(mine)),
        };
        var deleted = await database.ExecuteAsync("""
            DELETE FROM chat_relationships
            WHERE (user_id = $1 AND other_id = $2 AND kind = $3) OR (user_id = $2 AND other_id = $1 AND kind = $4)
            """, userId, otherId, kind, mirror);
        return deleted > 0;
    }

    public async Task<FriendList> GetRelationshipsAsync(string userId)
    {
        await using var command = database.Command(
            "SELECT other_id, kind, since FROM chat_relationships WHERE user_id = $1 ORDER BY since, other_id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        var friends = new List<FriendEntry>();
        var incoming = new List<FriendEntry>();
        var outgoing = new List<FriendEntry>();
        while (await reader.ReadAsync())
        {
            var entry = new FriendEntry(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(2));
            (reader.GetInt16(1) switch
            {
                Friends => friends,
                Outgoing => outgoing,
                _ => incoming,
            }).Add(entry);
        }

        return new FriendList([.. friends], [.. incoming], [.. outgoing]);
    }

    public async Task<IReadOnlyList<string>> FriendIdsAsync(string userId)
    {
        await using var command = database.Command("SELECT other_id FROM chat_relationships WHERE user_id = $1 AND kind = 1", userId);
        return await ReadStringsAsync(command);
    }

    /// <summary>Blocks, ends the relationship both ways and cancels open game invitations between the two; false when already blocked.</summary>
    public async Task<bool> BlockAsync(string blockerId, string blockedId, DateTimeOffset at)
    {
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                var inserted = await Execute(connection, transaction, """
                    INSERT INTO chat_user_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
                    """, blockerId, blockedId, at);
                await Execute(connection, transaction, """
                    DELETE FROM chat_relationships WHERE (user_id = $1 AND other_id = $2) OR (user_id = $2 AND other_id = $1)
                    """, blockerId, blockedId);
                await Execute(connection, transaction, """
                    UPDATE chat_game_invites SET status = 3, responded_at = $3
                    WHERE status = 0 AND ((from_user_id = $1 AND to_user_id = $2) OR (from_user_id = $2 AND to_user_id = $1))
                    """, blockerId, blockedId, at);
                return inserted > 0;
            });
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{blockedId}' is not registered.");
        }
    }

    public async Task<bool> UnblockAsync(string blockerId, string blockedId) =>
        await database.ExecuteAsync("DELETE FROM chat_user_blocks WHERE blocker_id = $1 AND blocked_id = $2", blockerId, blockedId) > 0;

    public async Task<IReadOnlyList<string>> BlockedUsersAsync(string userId)
    {
        await using var command = database.Command("SELECT blocked_id FROM chat_user_blocks WHERE blocker_id = $1 ORDER BY blocked_id", userId);
        return await ReadStringsAsync(command);
    }

    public async Task<bool> IsBlockedEitherWayAsync(string userId, string otherId) =>
        await database.ScalarAsync<bool>(BlockedEitherWay, userId, otherId);

    /// <summary>Stores a new invitation unless either user blocks the other or one from the same sender is still open.</summary>
    public async Task CreateInviteAsync(GameInvite invite)
    {
        try
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                if (await Scalar<bool>(connection, transaction, BlockedEitherWay, invite.FromUserId, invite.ToUserId))
                {
                    throw Blocked();
                }

                var open = await Scalar<bool>(connection, transaction, """
                    SELECT EXISTS (SELECT 1 FROM chat_game_invites
                                   WHERE from_user_id = $1 AND to_user_id = $2 AND status = 0 AND expires_at > $3)
                    """, invite.FromUserId, invite.ToUserId, invite.CreatedAt);
                if (open)
                {
                    throw ChatErrors.Of(ChatErrorCodes.GameInvitePending, "You already have an open invitation to this user.");
                }

                await Execute(connection, transaction, """
                    INSERT INTO chat_game_invites (invite_id, from_user_id, to_user_id, game, created_at, expires_at, status)
                    VALUES ($1, $2, $3, $4, $5, $6, 0)
                    """, invite.InviteId, invite.FromUserId, invite.ToUserId, invite.Game, invite.CreatedAt, invite.ExpiresAt);
                return true;
            });
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{invite.ToUserId}' is not registered.");
        }
    }

    public async Task<GameInvite?> GetInviteAsync(Guid inviteId, DateTimeOffset now)
    {
        await using var command = database.Command($"{InviteSelect} WHERE invite_id = $1", inviteId);
        var invites = await ReadInvitesAsync(command, now);
        return invites.Count == 0 ? null : invites[0];
    }

    /// <summary>Moves an open, unexpired invitation to <paramref name="status"/>; false when it is not open any more.</summary>
    public async Task<bool> CloseInviteAsync(Guid inviteId, GameInviteStatus status, DateTimeOffset at) =>
        await database.ExecuteAsync("""
            UPDATE chat_game_invites SET status = $2, responded_at = $3
            WHERE invite_id = $1 AND status = 0 AND expires_at > $3
            """, inviteId, (short)status, at) > 0;

    /// <summary>Open (pending, unexpired) invitations to or from the user, newest first.</summary>
    public async Task<IReadOnlyList<GameInvite>> OpenInvitesAsync(string userId, DateTimeOffset now)
    {
        await using var command = database.Command($"""
            {InviteSelect}
            WHERE (from_user_id = $1 OR to_user_id = $1) AND status = 0 AND expires_at > $2
            ORDER BY created_at DESC
            LIMIT 100
            """, userId, now);
        return await ReadInvitesAsync(command, now);
    }

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

    private const string InviteSelect =
        "SELECT invite_id, from_user_id, to_user_id, game, created_at, expires_at, status FROM chat_game_invites";

    private static ChatException Blocked() => ChatErrors.Of(ChatErrorCodes.UserBlocked, "One of you blocks the other.");

    private async Task SetFriendsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, string otherId, DateTimeOffset at) =>
        await Execute(connection, transaction, """
            UPDATE chat_relationships SET kind = 1, since = $3
            WHERE (user_id = $1 AND other_id = $2) OR (user_id = $2 AND other_id = $1)
            """, userId, otherId, at);

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

    private static async Task<List<GameInvite>> ReadInvitesAsync(NpgsqlCommand command, DateTimeOffset now)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var invites = new List<GameInvite>();
        while (await reader.ReadAsync())
        {
            var status = (GameInviteStatus)reader.GetInt16(6);
            var expiresAt = reader.GetFieldValue<DateTimeOffset>(5);
            invites.Add(new GameInvite(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                expiresAt,
                status == GameInviteStatus.Pending && expiresAt <= now ? GameInviteStatus.Expired : status));
        }

        return invites;
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] parameters)
    {
        await using var command = database.Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<T?> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] parameters)
    {
        await using var command = database.Command(connection, transaction, sql, parameters);
        return ChatDatabase.ConvertScalar<T>(await command.ExecuteScalarAsync());
    }
}
