using Npgsql;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Rooms in PostgreSQL: settings in <c>chat_rooms</c> (versioned), one row per member, ban and
/// invitation. Admin actions write their audit row in the same transaction.
/// </summary>
internal sealed class RoomStore(ChatDatabase database, AuditLog auditLog)
{
    private const string RoomColumns =
        "room_id, name, topic, visibility, password_hash, owner_id, member_count, created_at, updated_at, deleted_at, version";

    public async Task<RoomRecord?> LoadAsync(string roomId)
    {
        await using var command = database.Command($"SELECT {RoomColumns} FROM chat_rooms WHERE room_id = $1", roomId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new RoomRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            (RoomVisibility)reader.GetInt16(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            reader.GetInt32(6),
            reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
            reader.GetInt32(10));
    }

    /// <summary>Inserts the room with its owner as the only member.</summary>
    public async Task CreateAsync(RoomRecord room, AuditEntry audit)
    {
        try
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                await database.ExecuteAsync(connection, transaction, """
                    INSERT INTO chat_rooms (room_id, name, name_key, topic, visibility, password_hash, owner_id, member_count, created_at, updated_at, version)
                    VALUES ($1, $2, lower($2), $3, $4, $5::text, $6, 1, $7, $7, 1)
                    """, room.RoomId, room.Name, room.Topic, (short)room.Visibility, room.PasswordHash, room.OwnerId, room.CreatedAt);
                await database.ExecuteAsync(connection, transaction, """
                    INSERT INTO chat_room_members (room_id, user_id, role, joined_at) VALUES ($1, $2, 3, $3)
                    """, room.RoomId, room.OwnerId, room.CreatedAt);
                await auditLog.WriteAsync(connection, transaction, audit);
                return true;
            });
        }
        catch (PostgresException ex) when (ChatDatabase.IsUniqueViolation(ex, "chat_rooms_pkey"))
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomAlreadyExists, $"A room with id '{room.RoomId}' exists or existed.");
        }
        catch (PostgresException ex) when (ChatDatabase.IsUniqueViolation(ex, "chat_rooms_live_name"))
        {
            throw NameTaken(room.Name);
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, "Register the user before creating rooms.");
        }
    }

    /// <summary>Writes new settings if the stored version is still <paramref name="expectedVersion"/>; false otherwise.</summary>
    public async Task<bool> UpdateSettingsAsync(RoomRecord room, int expectedVersion, AuditEntry audit)
    {
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                var updated = await database.ExecuteAsync(connection, transaction, """
                    UPDATE chat_rooms
                    SET name = $2, name_key = lower($2), topic = $3, visibility = $4, password_hash = $5::text, updated_at = $6, version = version + 1
                    WHERE room_id = $1 AND version = $7 AND deleted_at IS NULL
                    """, room.RoomId, room.Name, room.Topic, (short)room.Visibility, room.PasswordHash, room.UpdatedAt, expectedVersion);
                if (updated == 0)
                {
                    return false;
                }

                await auditLog.WriteAsync(connection, transaction, audit);
                return true;
            });
        }
        catch (PostgresException ex) when (ChatDatabase.IsUniqueViolation(ex, "chat_rooms_live_name"))
        {
            throw NameTaken(room.Name);
        }
    }

    public Task<bool> TransferAsync(string roomId, string fromUserId, string toUserId, int expectedVersion, DateTimeOffset at, AuditEntry audit) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var updated = await database.ExecuteAsync(connection, transaction, """
                UPDATE chat_rooms SET owner_id = $2, updated_at = $3, version = version + 1
                WHERE room_id = $1 AND version = $4 AND deleted_at IS NULL
                """, roomId, toUserId, at, expectedVersion);
            if (updated == 0)
            {
                return false;
            }

            await database.ExecuteAsync(connection, transaction, "UPDATE chat_room_members SET role = 3 WHERE room_id = $1 AND user_id = $2", roomId, toUserId);
            await database.ExecuteAsync(connection, transaction, "UPDATE chat_room_members SET role = 2 WHERE room_id = $1 AND user_id = $2", roomId, fromUserId);
            await auditLog.WriteAsync(connection, transaction, audit);
            return true;
        });

    /// <summary>Marks the room deleted and removes members and invitations; messages, bans and audit rows stay.</summary>
    public Task<bool> DeleteAsync(string roomId, int expectedVersion, DateTimeOffset at, AuditEntry audit) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var updated = await database.ExecuteAsync(connection, transaction, """
                UPDATE chat_rooms SET deleted_at = $2, updated_at = $2, member_count = 0, version = version + 1
                WHERE room_id = $1 AND version = $3 AND deleted_at IS NULL
                """, roomId, at, expectedVersion);
            if (updated == 0)
            {
                return false;
            }

            await database.ExecuteAsync(connection, transaction, "DELETE FROM chat_room_members WHERE room_id = $1", roomId);
            await database.ExecuteAsync(connection, transaction, "DELETE FROM chat_room_invites WHERE room_id = $1", roomId);
            await auditLog.WriteAsync(connection, transaction, audit);
            return true;
        });

    public async Task<MemberEntry?> GetMemberAsync(string roomId, string userId)
    {
        await using var command = database.Command(
            "SELECT role, joined_at, muted_until FROM chat_room_members WHERE room_id = $1 AND user_id = $2", roomId, userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadMember(reader, 0) : null;
    }

    /// <summary>Inserts one member row (and consumes an invitation); false when already a member.</summary>
    public async Task<bool> AddMemberAsync(string roomId, string userId, RoomRole role, DateTimeOffset at)
    {
        try
        {
            var inserted = await database.ScalarAsync<long>("""
                WITH ins AS (
                    INSERT INTO chat_room_members (room_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    RETURNING 1
                ),
                invite AS (
                    DELETE FROM chat_room_invites WHERE room_id = $1 AND user_id = $2 AND EXISTS (SELECT 1 FROM ins)
                ),
                counter AS (
                    UPDATE chat_rooms SET member_count = member_count + 1 WHERE room_id = $1 AND EXISTS (SELECT 1 FROM ins)
                )
                SELECT count(*) FROM ins
                """, roomId, userId, (short)role, at);
            return inserted > 0;
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{userId}' is not registered.");
        }
    }

    /// <summary>Deletes one member row; false when not a member. The audit row (if any) commits with it.</summary>
    public Task<bool> RemoveMemberAsync(string roomId, string userId, AuditEntry? audit) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var removed = await RemoveMember(connection, transaction, roomId, userId);
            if (removed && audit is not null)
            {
                await auditLog.WriteAsync(connection, transaction, audit);
            }

            return removed;
        });

    public Task<bool> SetRoleAsync(string roomId, string userId, RoomRole role, AuditEntry audit) =>
        ChangeWithAuditAsync("UPDATE chat_room_members SET role = $3 WHERE room_id = $1 AND user_id = $2", audit, roomId, userId, (short)role);

    public Task<bool> SetMuteAsync(string roomId, string userId, DateTimeOffset? until, AuditEntry audit) =>
        ChangeWithAuditAsync("UPDATE chat_room_members SET muted_until = $3::timestamptz WHERE room_id = $1 AND user_id = $2", audit, roomId, userId, until);

    /// <summary>Records (or replaces) a ban and removes the membership; returns whether the user was a member.</summary>
    public Task<bool> BanAsync(string roomId, RoomBan ban, AuditEntry audit) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.ExecuteAsync(connection, transaction, """
                INSERT INTO chat_room_bans (room_id, user_id, banned_by, reason, created_at, expires_at)
                VALUES ($1, $2, $3, $4::text, $5, $6::timestamptz)
                ON CONFLICT (room_id, user_id) DO UPDATE
                    SET banned_by = EXCLUDED.banned_by, reason = EXCLUDED.reason, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                """, roomId, ban.UserId, ban.BannedBy, ban.Reason, ban.CreatedAt, ban.ExpiresAt);
            var wasMember = await RemoveMember(connection, transaction, roomId, ban.UserId);
            await database.ExecuteAsync(connection, transaction, "DELETE FROM chat_room_invites WHERE room_id = $1 AND user_id = $2", roomId, ban.UserId);
            await auditLog.WriteAsync(connection, transaction, audit);
            return wasMember;
        });

    public Task<bool> UnbanAsync(string roomId, string userId, AuditEntry audit) =>
        ChangeWithAuditAsync("DELETE FROM chat_room_bans WHERE room_id = $1 AND user_id = $2", audit, roomId, userId);

    public async Task<RoomBan?> GetBanAsync(string roomId, string userId)
    {
        await using var command = database.Command(
            "SELECT user_id, banned_by, reason, created_at, expires_at FROM chat_room_bans WHERE room_id = $1 AND user_id = $2", roomId, userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadBan(reader) : null;
    }

    public async Task<IReadOnlyList<RoomBan>> ListBansAsync(string roomId, DateTimeOffset now)
    {
        await using var command = database.Command("""
            SELECT user_id, banned_by, reason, created_at, expires_at FROM chat_room_bans
            WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > $2)
            ORDER BY created_at, user_id
            """, roomId, now);
        await using var reader = await command.ExecuteReaderAsync();
        var bans = new List<RoomBan>();
        while (await reader.ReadAsync())
        {
            bans.Add(ReadBan(reader));
        }

        return bans;
    }

    public async Task InviteAsync(string roomId, string userId, string invitedBy, DateTimeOffset at)
    {
        try
        {
            await database.ExecuteAsync("""
                INSERT INTO chat_room_invites (room_id, user_id, invited_by, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (room_id, user_id) DO UPDATE SET invited_by = EXCLUDED.invited_by, created_at = EXCLUDED.created_at
                """, roomId, userId, invitedBy, at);
        }
        catch (PostgresException ex) when (ChatDatabase.IsForeignKeyViolation(ex))
        {
            throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{userId}' is not registered.");
        }
    }

    public async Task<bool> HasInviteAsync(string roomId, string userId) =>
        await database.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM chat_room_invites WHERE room_id = $1 AND user_id = $2)", roomId, userId);

    public async Task<IReadOnlyList<RoomMember>> ListMembersAsync(string roomId, string? afterUserId, int limit)
    {
        await using var command = database.Command("""
            SELECT user_id, role, joined_at, muted_until FROM chat_room_members
            WHERE room_id = $1 AND user_id > $2
            ORDER BY user_id
            LIMIT $3
            """, roomId, afterUserId ?? string.Empty, limit);
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<RoomMember>();
        while (await reader.ReadAsync())
        {
            var entry = ReadMember(reader, 1);
            members.Add(new RoomMember(reader.GetString(0), entry.Role, entry.JoinedAt, entry.MutedUntil));
        }

        return members;
    }

    /// <summary>The ids of members whose usernames (lower case) are among <paramref name="nameKeys"/>.</summary>
    public async Task<IReadOnlyList<string>> FindMembersByNameAsync(string roomId, IReadOnlyList<string> nameKeys)
    {
        await using var command = database.Command("""
            SELECT u.user_id FROM chat_users u
            JOIN chat_room_members m ON m.room_id = $1 AND m.user_id = u.user_id
            WHERE u.username_key = ANY ($2)
            """, roomId, nameKeys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Listed (public and password-protected) live rooms by name, optionally starting with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<RoomSummary>> ListDirectoryAsync(string? prefix, string? afterName, int limit)
    {
        await using var command = database.Command("""
            SELECT room_id, name, topic, visibility, member_count FROM chat_rooms
            WHERE deleted_at IS NULL AND visibility <> 1 AND name_key > $1 AND ($2 = '' OR starts_with(name_key, $2))
            ORDER BY name_key
            LIMIT $3
            """, (afterName ?? string.Empty).ToLowerInvariant(), (prefix ?? string.Empty).ToLowerInvariant(), limit);
        await using var reader = await command.ExecuteReaderAsync();
        var rooms = new List<RoomSummary>();
        while (await reader.ReadAsync())
        {
            rooms.Add(new RoomSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), (RoomVisibility)reader.GetInt16(3), reader.GetInt32(4)));
        }

        return rooms;
    }

    private static ChatException NameTaken(string name) =>
        ChatErrors.Of(ChatErrorCodes.RoomNameTaken, $"Another room is already called '{name}'.");

    private async Task<bool> ChangeWithAuditAsync(string sql, AuditEntry audit, params object?[] parameters) =>
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            var updated = await database.ExecuteAsync(connection, transaction, sql, parameters);
            if (updated == 0)
            {
                return false;
            }

            await auditLog.WriteAsync(connection, transaction, audit);
            return true;
        });

    private async Task<bool> RemoveMember(NpgsqlConnection connection, NpgsqlTransaction transaction, string roomId, string userId)
    {
        await using var command = database.Command(connection, transaction, """
            WITH del AS (DELETE FROM chat_room_members WHERE room_id = $1 AND user_id = $2 RETURNING 1),
            counter AS (UPDATE chat_rooms SET member_count = member_count - 1 WHERE room_id = $1 AND EXISTS (SELECT 1 FROM del))
            SELECT count(*) FROM del
            """, roomId, userId);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static MemberEntry ReadMember(NpgsqlDataReader reader, int first) => new(
        (RoomRole)reader.GetInt16(first),
        reader.GetFieldValue<DateTimeOffset>(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetFieldValue<DateTimeOffset>(first + 2));

    private static RoomBan ReadBan(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
}
