using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Validation;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: account, presence, relationships, game invitations and inbox. Relationship changes are
/// single transactions over both users' rows, so this grain never has to coordinate with the
/// other user's grain; it only tells it (without waiting) so that its observers hear about it.
/// The profile is read lazily, so activating a user grain to relay an event costs no I/O.
/// </summary>
[GrainType("user")]
internal sealed partial class UserGrain : Grain, IUserGrain, IUserRelay
{
    private readonly UserStore _users;
    private readonly RelationshipStore _relationships;
    private readonly GameInviteStore _invites;
    private readonly NotificationStore _notifications;
    private readonly ChatOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<UserGrain> _logger;
    private readonly string _userId;
    private readonly ObserverSet<IUserObserver> _observers;
    private UserRecord? _profile;

    public UserGrain(UserStore users, RelationshipStore relationships, GameInviteStore invites, NotificationStore notifications, IOptions<ChatOptions> options, TimeProvider timeProvider, ChatMetrics metrics, ILogger<UserGrain> logger)
    {
        _users = users;
        _relationships = relationships;
        _invites = invites;
        _notifications = notifications;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _userId = GetPrimaryKeyString();
        _observers = new ObserverSet<IUserObserver>($"user/{_userId}", timeProvider, _options.SubscriptionLifetime, _options.MaxPendingDeliveries, metrics, logger);
    }

    private DateTimeOffset Now => ChatClock.Now(_timeProvider);

    public Task<UserProfile> Register(RegisterUserRequest request) => Run(async () =>
    {
        var caller = CallerContext.RequireSelf(_userId);
        if (request is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "The account details are required.");
        }

        var username = NameRules.Require(request.Username, "user");
        var displayName = DisplayName(request.DisplayName);
        var record = new UserRecord(_userId, username, displayName, null, null, null, caller.IsGuest, Now);
        await _users.RegisterAsync(record);
        _profile = record;
        LogRegistered(_logger, _userId, username, caller.IsGuest);
        return ToProfile(record);
    });

    public Task<UserProfile> GetProfile() => Run(async () =>
    {
        CallerContext.Require();
        return ToProfile(await RequireProfileAsync());
    });

    public Task<UserProfile> UpdateProfile(UpdateProfileRequest request) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        if (request is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "The changes are required.");
        }

        var profile = await RequireProfileAsync();
        var updated = profile with
        {
            DisplayName = request.DisplayName is null ? profile.DisplayName : DisplayName(request.DisplayName),
            AvatarUrl = request.AvatarUrl is null ? profile.AvatarUrl : InputRules.AvatarUrl(request.AvatarUrl),
            Bio = request.Bio is null ? profile.Bio : EmptyToNull(TextRules.MultiLine(request.Bio, ChatLimits.MaxBioLength, ChatErrorCodes.InvalidBio, "bio")),
        };
        await _users.UpdateProfileAsync(updated, Now);
        _profile = updated;
        return ToProfile(updated);
    });

    public Task<UserProfile> SetCustomStatus(string? status) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var text = EmptyToNull(TextRules.SingleLine(status, ChatLimits.MaxStatusLength, ChatErrorCodes.InvalidStatus, "status"));
        var profile = await RequireProfileAsync();
        var updated = profile with { CustomStatus = text };
        await _users.UpdateProfileAsync(updated, Now);
        _profile = updated;
        PublishPresence();
        return ToProfile(updated);
    });

    public Task<ImmutableArray<ConversationSummary>> GetConversations() => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        return (await _users.ConversationsAsync(_userId)).ToImmutableArray();
    });

    public Task<SubscriptionLease> Subscribe(IUserObserver observer) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        if (observer is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "An observer is required.");
        }

        await RequireProfileAsync();
        return new SubscriptionLease(_observers.Subscribe(observer), 0);
    });

    public Task Unsubscribe(IUserObserver observer) => Run(() =>
    {
        CallerContext.RequireSelf(_userId);
        if (observer is not null)
        {
            _observers.Unsubscribe(observer);
        }

        return Task.CompletedTask;
    });

    public Task FriendPresenceChanged(PresenceChangedEvent e)
    {
        _observers.Publish(e, static (o, x) => o.OnPresenceChanged(x));
        return Task.CompletedTask;
    }

    public Task FriendshipChanged(FriendshipChangedEvent e)
    {
        _observers.Publish(e, static (o, x) => o.OnFriendshipChanged(x));
        return Task.CompletedTask;
    }

    public Task GameInviteChanged(GameInviteChangedEvent e)
    {
        _observers.Publish(e, static (o, x) => o.OnGameInviteChanged(x));
        return Task.CompletedTask;
    }

    private Task<T> Run<T>(Func<Task<T>> body) =>
        IdRules.IsValidId(_userId)
            ? ChatDatabase.Guard(body)
            : Task.FromException<T>(ChatErrors.Of(ChatErrorCodes.InvalidId, "A user id must be 1-64 characters of A-Z a-z 0-9 _ . -."));

    private Task Run(Func<Task> body) => Run(async () =>
    {
        await body();
        return true;
    });

    private async Task<UserRecord> RequireProfileAsync() =>
        _profile ??= await _users.LoadAsync(_userId)
            ?? throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{_userId}' is not registered.");

    /// <summary>Another registered, non-guest user (friends and game invitations are between accounts).</summary>
    private async Task<string> RequireOtherAccountAsync(string? userId)
    {
        var target = IdRules.RequireId(userId, "user");
        if (target == _userId)
        {
            throw ChatErrors.Of(ChatErrorCodes.UserSelf, "You cannot do this with yourself.");
        }

        var other = await _users.LoadAsync(target) ?? throw ChatErrors.Of(ChatErrorCodes.UserNotFound, $"User '{target}' is not registered.");
        if (other.IsGuest)
        {
            throw ChatErrors.Of(ChatErrorCodes.GuestForbidden, "Guests cannot be added as friends or invited to games.");
        }

        return target;
    }

    private UserProfile ToProfile(UserRecord record) => new(
        record.UserId, record.Username, record.DisplayName, record.AvatarUrl, record.Bio, record.IsGuest, record.CreatedAt, CurrentPresence(), record.CustomStatus);

    private static string DisplayName(string? value) =>
        TextRules.SingleLine(value, ChatLimits.MaxDisplayNameLength, ChatErrorCodes.InvalidDisplayName, "display name", allowEmpty: false);

    private static string? EmptyToNull(string value) => value.Length == 0 ? null : value;

    /// <summary>Tells another user's grain something without waiting; failures are logged.</summary>
    private void Relay(string userId, Func<IUserRelay, Task> call) => _ = RelayAsync(userId, call);

    private async Task RelayAsync(string userId, Func<IUserRelay, Task> call)
    {
        try
        {
            await call(GrainFactory.GetGrain<IUserRelay>(userId));
        }
        catch (Exception ex)
        {
            LogRelayFailed(_logger, ex, _userId, userId);
        }
    }
}
