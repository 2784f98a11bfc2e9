using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Friendships, friend requests and blocks. A relationship is one row per direction
/// (<c>chat_relationships</c>), and both rows change in one transaction, so the two users never
/// disagree and their grains never have to coordinate.
/// </summary>
internal sealed class RelationshipStore(ChatDatabase database)
{
    private const short Friends = 1;
    private const short Outgoing = 2;
    private const short Incoming = 3;

    /// <summary>One query: does either user block the other?</summary>
    public const string BlockedEitherWay = """
        SELECT EXISTS (SELECT 1 FROM chat_user_blocks
                       WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1))
        """;

    /// <summary>Requests friendship, or accepts the other user's pending request. Returns the resulting state.</summary>
    public async Task<FriendshipState> RequestFriendshipAsync(string userId, string otherId, DateTimeOffset at)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async (connection, transaction) =>
                {
                    if (await database.ScalarAsync<bool>(connection, transaction, BlockedEitherWay, userId, otherId))
                    {
                        throw Blocked();
                    }

                    var kind = await database.ScalarAsync<short?>(connection, transaction,
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

                    await database.ExecuteAsync(connection, transaction, """
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
            var kind = await database.ScalarAsync<short?>(connection, transaction,
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
                var inserted = await database.ExecuteAsync(connection, transaction, """
                    INSERT INTO chat_user_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
                    """, blockerId, blockedId, at);
                await database.ExecuteAsync(connection, transaction, """
                    DELETE FROM chat_relationships WHERE (user_id = $1 AND other_id = $2) OR (user_id = $2 AND other_id = $1)
                    """, blockerId, blockedId);
                await database.ExecuteAsync(connection, transaction, """
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

    private async Task SetFriendsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, string otherId, DateTimeOffset at) =>
        await database.ExecuteAsync(connection, transaction, """
            UPDATE chat_relationships SET kind = 1, since = $3
            WHERE (user_id = $1 AND other_id = $2) OR (user_id = $2 AND other_id = $1)
            """, userId, otherId, at);

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

    internal static ChatException Blocked() => ChatErrors.Of(ChatErrorCodes.UserBlocked, "One of you blocks the other.");
}
