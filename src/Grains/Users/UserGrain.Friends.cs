using System.Collections.Immutable;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Users;

/// <summary>Friend requests and blocks.</summary>
internal sealed partial class UserGrain
{
    public Task<FriendshipState> SendFriendRequest(string userId) => Run(async () =>
    {
        RequireSelfAccount("add friends");
        await RequireProfileAsync();
        var target = await RequireOtherAccountAsync(userId);
        var now = Now;
        var state = await _relationships.RequestFriendshipAsync(_userId, target, now);
        var theirs = state == FriendshipState.Friends ? FriendshipState.Friends : FriendshipState.RequestReceived;
        AnnounceFriendship(target, state, theirs, now);
        var kind = state == FriendshipState.Friends ? NotificationKind.FriendAccepted : NotificationKind.FriendRequest;
        Relay(target, relay => relay.Notify(new NotificationDraft(kind, _userId)));
        return state;
    });

    public Task AcceptFriendRequest(string userId) => Run(async () =>
    {
        RequireSelfAccount("add friends");
        var target = IdRules.RequireId(userId, "user");
        var now = Now;
        if (!await _relationships.AcceptFriendshipAsync(_userId, target, now))
        {
            throw ChatErrors.Of(ChatErrorCodes.FriendNoRequest, $"There is no friend request from '{target}'.");
        }

        AnnounceFriendship(target, FriendshipState.Friends, FriendshipState.Friends, now);
        Relay(target, relay => relay.Notify(new NotificationDraft(NotificationKind.FriendAccepted, _userId)));
    });

    public Task DeclineFriendRequest(string userId) =>
        EndRelationship(userId, FriendshipState.RequestReceived, ChatErrorCodes.FriendNoRequest, "There is no friend request from '{0}'.");

    public Task CancelFriendRequest(string userId) =>
        EndRelationship(userId, FriendshipState.RequestSent, ChatErrorCodes.FriendNoRequest, "There is no friend request to '{0}'.");

    public Task RemoveFriend(string userId) =>
        EndRelationship(userId, FriendshipState.Friends, ChatErrorCodes.FriendNotFriends, "You are not friends with '{0}'.");

    public Task<FriendList> GetFriends() => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        return await _relationships.GetRelationshipsAsync(_userId);
    });

    public Task Block(string userId) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        await RequireProfileAsync();
        var target = RequireOther(userId);
        var now = Now;
        await _relationships.BlockAsync(_userId, target, now);

        // Waited for: once Block returns, the DM thread refuses new messages.
        await GrainFactory.GetGrain<IDirectMessageRelay>(DirectThreadKey.For(_userId, target)).RefreshBlocks();
        AnnounceFriendship(target, FriendshipState.None, FriendshipState.None, now);
        LogBlocked(_logger, _userId, target);
    });

    public Task Unblock(string userId) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var target = RequireOther(userId);
        if (await _relationships.UnblockAsync(_userId, target))
        {
            await GrainFactory.GetGrain<IDirectMessageRelay>(DirectThreadKey.For(_userId, target)).RefreshBlocks();
        }
    });

    public Task<ImmutableArray<string>> GetBlockedUsers() => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        return (await _relationships.BlockedUsersAsync(_userId)).ToImmutableArray();
    });

    private Task EndRelationship(string userId, FriendshipState state, string code, string detail) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var target = IdRules.RequireId(userId, "user");
        if (!await _relationships.DeleteRelationshipAsync(_userId, target, state))
        {
            throw ChatErrors.Of(code, string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, target));
        }

        AnnounceFriendship(target, FriendshipState.None, FriendshipState.None, Now);
    });

    /// <summary>Tells this user's observers and the other user's grain what the relationship is now.</summary>
    private void AnnounceFriendship(string otherId, FriendshipState mine, FriendshipState theirs, DateTimeOffset at)
    {
        _observers.Publish(new FriendshipChangedEvent(_userId, otherId, mine, at), static (o, e) => o.OnFriendshipChanged(e));
        var theirEvent = new FriendshipChangedEvent(otherId, _userId, theirs, at);
        Relay(otherId, relay => relay.FriendshipChanged(theirEvent));
    }

    private void RequireSelfAccount(string action)
    {
        var caller = CallerContext.RequireSelf(_userId);
        if (caller.IsGuest)
        {
            throw ChatErrors.Of(ChatErrorCodes.GuestForbidden, $"Guests cannot {action}.");
        }
    }

    private string RequireOther(string? userId)
    {
        var target = IdRules.RequireId(userId, "user");
        return target != _userId ? target : throw ChatErrors.Of(ChatErrorCodes.UserSelf, "You cannot do this to yourself.");
    }
}
