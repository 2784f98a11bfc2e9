using System.Collections.Immutable;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A chat room, keyed by room id. Roles: owner &gt; admin &gt; member, and nobody acts on an equal
/// or higher role. The caller is the user in the call context; every method checks the caller's
/// rights. A deleted room answers <c>room.not_found</c>; its history stays for audit.
/// </summary>
public interface IRoomGrain : IConversationGrain
{
    /// <summary>Creates the room with the caller as owner. Errors: <c>room.already_exists</c>, <c>room.name_taken</c>, validation, <c>auth.guest_forbidden</c>.</summary>
    Task<RoomInfo> Create(CreateRoomRequest request);

    /// <summary>The room's settings (private rooms: members and invitees only).</summary>
    Task<RoomInfo> GetInfo();

    /// <summary>
    /// Joins (idempotent). Errors: <c>room.banned</c>, <c>room.invite_required</c> (private),
    /// <c>room.password_required</c>, <c>room.wrong_password</c>, <c>room.too_many_attempts</c>.
    /// An invitation stands in for the password.
    /// </summary>
    Task<RoomInfo> Join(string? password);

    /// <summary>Leaves. The owner must transfer ownership first (<c>room.owner_must_transfer</c>).</summary>
    Task Leave();

    /// <summary>Invites a user (private rooms: admins and owner only).</summary>
    Task Invite(string userId);

    /// <summary>Changes name/topic (admin) or visibility/password (owner).</summary>
    Task<RoomInfo> Update(UpdateRoomRequest request);

    /// <summary>Makes a member the owner; the old owner becomes an admin (owner only).</summary>
    Task TransferOwnership(string userId);

    /// <summary>Deletes the room for users (owner only); messages and audit rows are retained.</summary>
    Task Delete(string? reason);

    /// <summary>Removes a lower-ranked member (admin).</summary>
    Task Kick(string userId, string? reason);

    /// <summary>Bans a user (and removes them) until lifted or for <paramref name="duration"/> (admin; members must rank lower).</summary>
    Task Ban(string userId, TimeSpan? duration, string? reason);

    Task Unban(string userId);

    /// <summary>Stops a lower-ranked member from posting, reacting and typing for <paramref name="duration"/> (admin).</summary>
    Task Mute(string userId, TimeSpan duration, string? reason);

    Task Unmute(string userId);

    /// <summary>Makes a member an admin (owner only).</summary>
    Task Promote(string userId);

    /// <summary>Makes an admin a member (owner only).</summary>
    Task Demote(string userId);

    /// <summary>Members ordered by user id, <paramref name="limit"/> 1-100, after <paramref name="afterUserId"/>.</summary>
    Task<MemberPage> GetMembers(string? afterUserId, int limit);

    /// <summary>Active bans (admin).</summary>
    Task<ImmutableArray<RoomBan>> GetBans();

    /// <summary>The room's audit log, newest first (admin).</summary>
    Task<ImmutableArray<AuditEntry>> GetAuditLog(long? beforeId, int limit);
}
