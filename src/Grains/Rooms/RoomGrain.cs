using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;
using OrleansChat.Grains.Validation;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room. The grain is reentrant so that posts interleave and the message log can batch them
/// (group commit); changes to settings and membership take <see cref="_mutations"/>, so they run
/// one at a time without ever waiting behind a stream of posts. A post that interleaves with a
/// change sees the state before or after it, never half of it: every change replaces immutable
/// values between awaits.
/// </summary>
[Reentrant]
[GrainType("room")]
internal sealed partial class RoomGrain : Grain, IRoomGrain, IConversationDiagnostics
{
    private readonly RoomStore _rooms;
    private readonly ConversationServices _services;
    private readonly RoomPasswordHasher _hasher;
    private readonly AuditLog _auditLog;
    private readonly ILogger<RoomGrain> _logger;
    private readonly string _roomId;
    private readonly ConversationCore _core;
    private readonly MemberCache _members;
    private readonly SemaphoreSlim _mutations = new(1, 1);
    private readonly TokenBucketLimiter _passwordAttempts;
    private RoomRecord? _room;
    private bool _loaded;
    private Task<RoomRecord?>? _loading;

    public RoomGrain(RoomStore rooms, ConversationServices services, RoomPasswordHasher hasher, AuditLog auditLog, ILogger<RoomGrain> logger)
    {
        _rooms = rooms;
        _services = services;
        _hasher = hasher;
        _auditLog = auditLog;
        _logger = logger;
        _roomId = GetPrimaryKeyString();
        _core = new ConversationCore(ConversationIds.ForRoom(_roomId), services, logger, OnPosted);
        _members = new MemberCache(services.Options.MemberCacheSize);
        var options = services.Options;
        _passwordAttempts = new TokenBucketLimiter(options.PasswordAttempts, options.PasswordAttemptWindow, options.PasswordAttempts);
    }

    private string ConversationId => _core.ConversationId;

    private DateTimeOffset Now => ChatClock.Now(_services.TimeProvider);

    public Task<ConversationLogStats> GetLogStats() => Task.FromResult(_core.Stats());

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Runs a public method: a malformed key is refused, database failures become <c>storage.unavailable</c>.</summary>
    private Task<T> Run<T>(Func<Task<T>> body)
    {
        if (!IdRules.IsValidId(_roomId))
        {
            return Task.FromException<T>(ChatErrors.Of(ChatErrorCodes.InvalidId, "A room id must be 1-64 characters of A-Z a-z 0-9 _ . -."));
        }

        return ChatDatabase.Guard(body);
    }

    private Task Run(Func<Task> body) => Run(async () =>
    {
        await body();
        return true;
    });

    private async Task<T> Exclusive<T>(Func<Task<T>> body)
    {
        await _mutations.WaitAsync();
        try
        {
            return await body();
        }
        finally
        {
            _mutations.Release();
        }
    }

    private Task Exclusive(Func<Task> body) => Exclusive(async () =>
    {
        await body();
        return true;
    });

    private async ValueTask<RoomRecord?> LoadRoomAsync()
    {
        if (_loaded)
        {
            return _room;
        }

        _loading ??= _rooms.LoadAsync(_roomId);
        try
        {
            var room = await _loading;
            if (!_loaded)
            {
                _room = room;
                _loaded = true;
            }

            return _room;
        }
        finally
        {
            _loading = null;
        }
    }

    private async ValueTask<RoomRecord> RequireRoomAsync()
    {
        var room = await LoadRoomAsync();
        return room is { DeletedAt: null }
            ? room
            : throw ChatErrors.Of(ChatErrorCodes.RoomNotFound, $"There is no room '{_roomId}'.");
    }

    private async ValueTask<MemberEntry?> GetMemberAsync(string userId)
    {
        if (_members.TryGet(userId, out var cached))
        {
            return cached;
        }

        var generation = _members.Generation;
        var entry = await _rooms.GetMemberAsync(_roomId, userId);
        _members.AddRead(userId, entry, generation);
        return entry;
    }

    private async ValueTask<MemberEntry> RequireMemberAsync(Caller caller) =>
        await GetMemberAsync(caller.UserId)
            ?? throw ChatErrors.Of(ChatErrorCodes.RoomNotMember, "You are not a member of this room.");

    /// <summary>Members read; non-members may read public rooms unless banned.</summary>
    private async Task<MemberEntry?> RequireReaderAsync(Caller caller, RoomRecord room)
    {
        var member = await GetMemberAsync(caller.UserId);
        if (member is not null)
        {
            return member;
        }

        if (room.Visibility != RoomVisibility.Public)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomNotMember, "Only members can read this room.");
        }

        await ThrowIfBannedAsync(caller.UserId, "You are banned from this room.");
        return null;
    }

    private async Task ThrowIfBannedAsync(string userId, string detail)
    {
        var ban = await _rooms.GetBanAsync(_roomId, userId);
        if (ban is not null && ban.IsActive(_services.TimeProvider.GetUtcNow()))
        {
            var until = ban.ExpiresAt is { } expires ? $" until {expires:u}" : string.Empty;
            throw ChatErrors.Of(ChatErrorCodes.RoomBanned, detail + until);
        }
    }

    private static void RequireRole(MemberEntry actor, RoomRole minimum)
    {
        if (actor.Role < minimum)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomInsufficientRole, $"This needs the {minimum.ToString().ToLowerInvariant()} role.");
        }
    }

    private static void RequireOutranks(MemberEntry actor, RoomRole targetRole)
    {
        if (actor.Role <= targetRole)
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomTargetOutranks, "You cannot act on a member whose role is equal to or higher than yours.");
        }
    }

    private static string RequireOtherUser(Caller caller, string? userId)
    {
        var target = IdRules.RequireId(userId, "user");
        if (target == caller.UserId)
        {
            throw ChatErrors.Of(ChatErrorCodes.UserSelf, "You cannot do this to yourself.");
        }

        return target;
    }

    private RoomInfo ToInfo(RoomRecord room, RoomRole? callerRole) => new(
        room.RoomId, ConversationId, room.Name, room.Topic, room.Visibility, room.OwnerId, room.MemberCount, room.CreatedAt, _core.Log.LastSeq, callerRole);

    private AuditEntry Audit(Caller actor, string action, string targetKind, string targetId, DateTimeOffset at, string? reason = null, string? details = null) =>
        new(0, at, actor.UserId, action, targetKind, targetId, ConversationId, reason, details);

    private void PublishMembership(string userId, Messages.Events.MembershipChange change, RoomRole? role, string? actorId, DateTimeOffset at, DateTimeOffset? until = null, string? reason = null) =>
        _core.Publish(new Messages.Events.MembershipChangedEvent(ConversationId, userId, change, role, actorId, at, until, reason));

    /// <summary>Sends a notification without waiting for it; a failure is logged, never surfaced to the caller.</summary>
    private void Notify(string userId, NotificationDraft draft) =>
        _ = Background(GrainFactory.GetGrain<IUserRelay>(userId).Notify(draft), userId);

    private async Task Background(Task task, string target)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            LogNotificationFailed(_logger, ex, _roomId, target);
        }
    }
}
