using System.Collections.Immutable;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Rooms;

/// <summary>Settings, ownership, deletion and moderation. Each change writes its audit row in the same transaction.</summary>
internal sealed partial class RoomGrain
{
    public Task<RoomInfo> Update(UpdateRoomRequest request) => Run(async () =>
    {
        var caller = CallerContext.Require();
        if (request is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "The changes are required.");
        }

        var name = request.Name is null ? null : NameRules.Require(request.Name, "room");
        var topic = request.Topic is null ? null : TextRules.SingleLine(request.Topic, ChatLimits.MaxTopicLength, ChatErrorCodes.InvalidTopic, "topic");
        var visibility = request.Visibility is { } requested ? RequireVisibility(requested) : (RoomVisibility?)null;
        var room = await RequireRoomAsync();
        await RequireUpdateRightsAsync(caller, request);

        // Hashing takes ~0.1 s: done before taking the lock, from the settings as they are now.
        var hash = await HashPasswordForAsync(visibility ?? room.Visibility, request.Password, room.Visibility == RoomVisibility.PasswordProtected ? room.PasswordHash : null);
        return await Exclusive(async () =>
        {
            var current = await RequireRoomAsync();
            var actor = await RequireUpdateRightsAsync(caller, request);
            var now = Now;
            var updated = current with
            {
                Name = name ?? current.Name,
                Topic = topic ?? current.Topic,
                Visibility = visibility ?? current.Visibility,
                PasswordHash = hash,
                UpdatedAt = now,
                Version = current.Version + 1,
            };
            var changes = string.Join(",", new[]
            {
                name is null ? null : "name",
                topic is null ? null : "topic",
                visibility is null ? null : "visibility",
                request.Password is null ? null : "password",
            }.Where(c => c is not null));
            await SaveSettingsAsync(_rooms.UpdateSettingsAsync(updated, current.Version, Audit(caller, AuditActions.RoomUpdated, "room", _roomId, now, details: changes)));
            _room = updated;
            _core.Publish(new ConversationChangedEvent(ConversationId, ConversationChange.Updated, ToInfo(updated, null), caller.UserId, now));
            return ToInfo(updated, actor.Role);
        });
    });

    public Task TransferOwnership(string userId) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            var actor = await RequireMemberAsync(caller);
            RequireRole(actor, RoomRole.Owner);
            var targetEntry = await RequireTargetMemberAsync(target);
            var now = Now;
            await SaveSettingsAsync(_rooms.TransferAsync(_roomId, caller.UserId, target, room.Version, now, Audit(caller, AuditActions.OwnershipTransferred, "user", target, now)));
            _room = room with { OwnerId = target, UpdatedAt = now, Version = room.Version + 1 };
            _members.Write(target, targetEntry with { Role = RoomRole.Owner });
            _members.Write(caller.UserId, actor with { Role = RoomRole.Admin });
            PublishMembership(target, MembershipChange.RoleChanged, RoomRole.Owner, caller.UserId, now);
            PublishMembership(caller.UserId, MembershipChange.RoleChanged, RoomRole.Admin, caller.UserId, now);
        });
    });

    public Task Delete(string? reason) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var why = InputRules.Reason(reason);
        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            RequireRole(await RequireMemberAsync(caller), RoomRole.Owner);
            var now = Now;
            await SaveSettingsAsync(_rooms.DeleteAsync(_roomId, room.Version, now, Audit(caller, AuditActions.RoomDeleted, "room", _roomId, now, why)));
            _room = room with { DeletedAt = now, MemberCount = 0, UpdatedAt = now, Version = room.Version + 1 };
            _members.Clear();
            _core.Publish(new ConversationChangedEvent(ConversationId, ConversationChange.Deleted, null, caller.UserId, now));
            _core.EndSubscriptions();
            LogDeleted(_logger, _roomId, caller.UserId);
        });
    });

    public Task Kick(string userId, string? reason) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        var why = InputRules.Reason(reason);
        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            var actor = await RequireModeratorAsync(caller);
            RequireOutranks(actor, (await RequireTargetMemberAsync(target)).Role);
            var now = Now;
            if (await _rooms.RemoveMemberAsync(_roomId, target, Audit(caller, AuditActions.MemberKicked, "user", target, now, why)))
            {
                _room = room with { MemberCount = room.MemberCount - 1 };
            }

            _members.Write(target, null);
            PublishMembership(target, MembershipChange.Kicked, null, caller.UserId, now, reason: why);
            Notify(target, new NotificationDraft(NotificationKind.Moderation, caller.UserId, ConversationId, Text: $"You were removed from {room.Name}."));
        });
    });

    public Task Ban(string userId, TimeSpan? duration, string? reason) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        var length = duration is { } d ? InputRules.Duration(d) : (TimeSpan?)null;
        var why = InputRules.Reason(reason);
        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            var actor = await RequireModeratorAsync(caller);
            if (await GetMemberAsync(target) is { } targetEntry)
            {
                RequireOutranks(actor, targetEntry.Role);
            }

            var now = Now;
            var ban = new RoomBan(target, caller.UserId, why, now, now + length);
            var audit = Audit(caller, AuditActions.MemberBanned, "user", target, now, why, length is null ? "permanent" : $"until {ban.ExpiresAt:O}");
            if (await _rooms.BanAsync(_roomId, ban, audit))
            {
                _room = room with { MemberCount = room.MemberCount - 1 };
            }

            _members.Write(target, null);
            PublishMembership(target, MembershipChange.Banned, null, caller.UserId, now, ban.ExpiresAt, why);
            Notify(target, new NotificationDraft(NotificationKind.Moderation, caller.UserId, ConversationId, Text: $"You were banned from {room.Name}."));
        });
    });

    public Task Unban(string userId) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        await Exclusive(async () =>
        {
            await RequireRoomAsync();
            await RequireModeratorAsync(caller);
            var now = Now;
            if (!await _rooms.UnbanAsync(_roomId, target, Audit(caller, AuditActions.MemberUnbanned, "user", target, now)))
            {
                throw ChatErrors.Of(ChatErrorCodes.RoomNotBanned, $"User '{target}' is not banned.");
            }

            PublishMembership(target, MembershipChange.Unbanned, null, caller.UserId, now);
        });
    });

    public Task Mute(string userId, TimeSpan duration, string? reason) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        var length = InputRules.Duration(duration);
        var why = InputRules.Reason(reason);
        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            var actor = await RequireModeratorAsync(caller);
            var targetEntry = await RequireTargetMemberAsync(target);
            RequireOutranks(actor, targetEntry.Role);
            var now = Now;
            var until = now + length;
            await _rooms.SetMuteAsync(_roomId, target, until, Audit(caller, AuditActions.MemberMuted, "user", target, now, why, $"until {until:O}"));
            _members.Write(target, targetEntry with { MutedUntil = until });
            PublishMembership(target, MembershipChange.Muted, targetEntry.Role, caller.UserId, now, until, why);
            Notify(target, new NotificationDraft(NotificationKind.Moderation, caller.UserId, ConversationId, Text: $"You were muted in {room.Name} until {until:u}."));
        });
    });

    public Task Unmute(string userId) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        await Exclusive(async () =>
        {
            await RequireRoomAsync();
            var actor = await RequireModeratorAsync(caller);
            var targetEntry = await RequireTargetMemberAsync(target);
            RequireOutranks(actor, targetEntry.Role);
            var now = Now;
            await _rooms.SetMuteAsync(_roomId, target, null, Audit(caller, AuditActions.MemberUnmuted, "user", target, now));
            _members.Write(target, targetEntry with { MutedUntil = null });
            PublishMembership(target, MembershipChange.Unmuted, targetEntry.Role, caller.UserId, now);
        });
    });

    public Task Promote(string userId) => ChangeRole(userId, RoomRole.Admin, AuditActions.MemberPromoted);

    public Task Demote(string userId) => ChangeRole(userId, RoomRole.Member, AuditActions.MemberDemoted);

    public Task<ImmutableArray<RoomBan>> GetBans() => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireModeratorAsync(caller);
        return (await _rooms.ListBansAsync(_roomId, _services.TimeProvider.GetUtcNow())).ToImmutableArray();
    });

    public Task<ImmutableArray<AuditEntry>> GetAuditLog(long? beforeId, int limit) => Run(async () =>
    {
        var caller = CallerContext.Require();
        InputRules.PageLimit(limit);
        await RequireRoomAsync();
        await RequireModeratorAsync(caller);
        return (await _auditLog.ReadAsync(ConversationId, beforeId, limit)).ToImmutableArray();
    });

    private Task ChangeRole(string userId, RoomRole role, string action) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var target = RequireOtherUser(caller, userId);
        await Exclusive(async () =>
        {
            await RequireRoomAsync();
            RequireRole(await RequireMemberAsync(caller), RoomRole.Owner);
            var targetEntry = await RequireTargetMemberAsync(target);
            if (targetEntry.Role == role)
            {
                return;
            }

            var now = Now;
            await _rooms.SetRoleAsync(_roomId, target, role, Audit(caller, action, "user", target, now));
            _members.Write(target, targetEntry with { Role = role });
            PublishMembership(target, MembershipChange.RoleChanged, role, caller.UserId, now);
        });
    });

    private async Task<MemberEntry> RequireModeratorAsync(Caller caller)
    {
        var actor = await RequireMemberAsync(caller);
        RequireRole(actor, RoomRole.Admin);
        return actor;
    }

    private async Task<MemberEntry> RequireTargetMemberAsync(string userId) =>
        await GetMemberAsync(userId)
            ?? throw ChatErrors.Of(ChatErrorCodes.RoomTargetNotMember, $"User '{userId}' is not a member of this room.");

    private async Task<MemberEntry> RequireUpdateRightsAsync(Caller caller, UpdateRoomRequest request)
    {
        var actor = await RequireMemberAsync(caller);
        RequireRole(actor, request.Visibility is not null || request.Password is not null ? RoomRole.Owner : RoomRole.Admin);
        return actor;
    }

    /// <summary>A versioned write that lost means another activation changed the room: forget the cached row and refuse.</summary>
    private async Task SaveSettingsAsync(Task<bool> write)
    {
        if (!await write)
        {
            _loaded = false;
            _members.Clear();
            throw ChatErrors.Of(ChatErrorCodes.RoomConflict, "The room changed meanwhile; try again.");
        }
    }
}
