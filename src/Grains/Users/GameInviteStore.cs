using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>Game invitations (<c>chat_game_invites</c>); "expired" is computed from <c>expires_at</c> and the caller's clock.</summary>
internal sealed class GameInviteStore(ChatDatabase database)
{
    private const string InviteSelect =
        "SELECT invite_id, from_user_id, to_user_id, game, created_at, expires_at, status FROM chat_game_invites";

    /// <summary>Stores a new invitation unless either user blocks the other or one from the same sender is still open.</summary>
    public async Task CreateInviteAsync(GameInvite invite)
    {
        try
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                if (await database.ScalarAsync<bool>(connection, transaction, RelationshipStore.BlockedEitherWay, invite.FromUserId, invite.ToUserId))
                {
                    throw RelationshipStore.Blocked();
                }

                var open = await database.ScalarAsync<bool>(connection, transaction, """
                    SELECT EXISTS (SELECT 1 FROM chat_game_invites
                                   WHERE from_user_id = $1 AND to_user_id = $2 AND status = 0 AND expires_at > $3)
                    """, invite.FromUserId, invite.ToUserId, invite.CreatedAt);
                if (open)
                {
                    throw ChatErrors.Of(ChatErrorCodes.GameInvitePending, "You already have an open invitation to this user.");
                }

                await database.ExecuteAsync(connection, transaction, """
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
}
