using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Rooms;

/// <summary>Creating, joining, leaving, inviting and listing members.</summary>
internal sealed partial class RoomGrain
{
    public Task<RoomInfo> Create(CreateRoomRequest request) => Run(async () =>
    {
        var caller = CallerContext.RequireMember("create rooms");
        if (request is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "The room settings are required.");
        }

        var name = NameRules.Require(request.Name, "room");
        var topic = TextRules.SingleLine(request.Topic, ChatLimits.MaxTopicLength, ChatErrorCodes.InvalidTopic, "topic");
        var visibility = RequireVisibility(request.Visibility);
        var hash = await HashPasswordForAsync(visibility, request.Password, existingHash: null);
        return await Exclusive(async () =>
        {
            if (await LoadRoomAsync() is not null)
            {
                throw ChatErrors.Of(ChatErrorCodes.RoomAlreadyExists, $"A room with id '{_roomId}' exists or existed.");
            }

            var now = Now;
            var room = new RoomRecord(_roomId, name, topic, visibility, hash, caller.UserId, 1, now, now, null, 1);
            await _rooms.CreateAsync(room, Audit(caller, AuditActions.RoomCreated, "room", _roomId, now, details: name));
            _room = room;
            _loaded = true;
            _members.Write(caller.UserId, new MemberEntry(RoomRole.Owner, now, null));
            LogCreated(_logger, _roomId, caller.UserId, visibility);
            return ToInfo(room, RoomRole.Owner);
        });
    });

    public Task<RoomInfo> GetInfo() => Run(async () =>
    {
        var caller = CallerContext.Require();
        var room = await RequireRoomAsync();
        var member = await GetMemberAsync(caller.UserId);
        if (member is null && room.Visibility == RoomVisibility.Private && !await _rooms.HasInviteAsync(_roomId, caller.UserId))
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomNotMember, "This room is private.");
        }

        return ToInfo(room, member?.Role);
    });

    public Task<RoomInfo> Join(string? password) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var room = await RequireRoomAsync();
        if (await GetMemberAsync(caller.UserId) is { } existing)
        {
            return ToInfo(room, existing.Role);
        }

        await ThrowIfBannedAsync(caller.UserId, "You are banned from this room.");
        var invited = room.Visibility != RoomVisibility.Public && await _rooms.HasInviteAsync(_roomId, caller.UserId);
        if (room.Visibility == RoomVisibility.Private && !invited)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomInviteRequired, "This room is private; you need an invitation.");
        }

        if (room.Visibility == RoomVisibility.PasswordProtected && !invited)
        {
            await CheckPasswordAsync(caller, room, password);
        }

        return await Exclusive(async () =>
        {
            var current = await RequireRoomAsync();
            var now = Now;
            var added = await _rooms.AddMemberAsync(_roomId, caller.UserId, RoomRole.Member, now);
            var entry = added ? new MemberEntry(RoomRole.Member, now, null) : await _rooms.GetMemberAsync(_roomId, caller.UserId);
            _members.Write(caller.UserId, entry);
            if (added)
            {
                current = current with { MemberCount = current.MemberCount + 1 };
                _room = current;
                PublishMembership(caller.UserId, MembershipChange.Joined, RoomRole.Member, caller.UserId, now);
            }

            return ToInfo(current, entry?.Role);
        });
    });

    public Task Leave() => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        var member = await RequireMemberAsync(caller);
        if (member.Role == RoomRole.Owner)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomOwnerMustTransfer, "Transfer ownership (or delete the room) before leaving.");
        }

        await Exclusive(async () =>
        {
            var room = await RequireRoomAsync();
            if (await _rooms.RemoveMemberAsync(_roomId, caller.UserId, audit: null))
            {
                _room = room with { MemberCount = room.MemberCount - 1 };
                PublishMembership(caller.UserId, MembershipChange.Left, null, caller.UserId, Now);
            }

            _members.Write(caller.UserId, null);
        });
    });

    public Task Invite(string userId) => Run(async () =>
    {
        var caller = CallerContext.RequireMember("invite users");
        var target = RequireOtherUser(caller, userId);
        var room = await RequireRoomAsync();
        var actor = await RequireMemberAsync(caller);
        if (room.Visibility == RoomVisibility.Private)
        {
            RequireRole(actor, RoomRole.Admin);
        }

        if (await GetMemberAsync(target) is not null)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomAlreadyMember, $"User '{target}' is already a member.");
        }

        await ThrowIfBannedAsync(target, "That user is banned from this room.");
        var now = Now;
        await _rooms.InviteAsync(_roomId, target, caller.UserId, now);
        PublishMembership(target, MembershipChange.Invited, null, caller.UserId, now);
        Notify(target, new NotificationDraft(NotificationKind.RoomInvite, caller.UserId, ConversationId, Text: room.Name));
    });

    public Task<MemberPage> GetMembers(string? afterUserId, int limit) => Run(async () =>
    {
        var caller = CallerContext.Require();
        InputRules.PageLimit(limit);
        var after = afterUserId is null ? null : IdRules.RequireId(afterUserId, "user");
        var room = await RequireRoomAsync();
        await RequireReaderAsync(caller, room);
        var members = await _rooms.ListMembersAsync(_roomId, after, limit);
        return new MemberPage([.. members], members.Count == limit ? members[^1].UserId : null);
    });

    private async Task CheckPasswordAsync(Caller caller, RoomRecord room, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomPasswordRequired, "This room needs a password.");
        }

        var now = _services.TimeProvider.GetUtcNow();
        if (!_passwordAttempts.HasToken(caller.UserId, now))
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomTooManyAttempts, "Too many wrong passwords; try again later.");
        }

        var valid = password.Length <= ChatLimits.MaxPasswordLength
            && room.PasswordHash is { } hash
            && await _hasher.VerifyAsync(password, hash);
        if (!valid)
        {
            _passwordAttempts.TryAcquire(caller.UserId, now);
            LogWrongPassword(_logger, _roomId, caller.UserId);
            throw ChatErrors.Of(ChatErrorCodes.RoomWrongPassword, "The room password is wrong.");
        }
    }

    private static RoomVisibility RequireVisibility(RoomVisibility visibility) =>
        Enum.IsDefined(visibility)
            ? visibility
            : throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "Visibility must be Public, Private or PasswordProtected.");

    /// <summary>The hash to store for <paramref name="visibility"/>: a new one for a given password, the existing one, or none.</summary>
    private async Task<string?> HashPasswordForAsync(RoomVisibility visibility, string? password, string? existingHash)
    {
        if (visibility != RoomVisibility.PasswordProtected)
        {
            if (!string.IsNullOrEmpty(password))
            {
                throw ChatErrors.Of(ChatErrorCodes.InvalidPassword, "Only password-protected rooms have a password.");
            }

            return null;
        }

        if (password is null && existingHash is not null)
        {
            return existingHash;
        }

        return await _hasher.HashAsync(InputRules.Password(password));
    }
}
