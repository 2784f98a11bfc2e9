using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Tests.Infrastructure;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Tests.Users;

/// <summary>Friend requests in every direction and state, and blocks.</summary>
public sealed class RelationshipTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task A_friend_request_is_pending_on_both_sides_until_accepted()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        var sent = await Silo.User(alice).SendFriendRequest(bob);
        var aliceWhilePending = await Silo.User(alice).GetFriends();
        As.User(bob);
        var bobWhilePending = await Silo.User(bob).GetFriends();
        await Silo.User(bob).AcceptFriendRequest(alice);
        var bobAfter = await Silo.User(bob).GetFriends();
        As.User(alice);
        var aliceAfter = await Silo.User(alice).GetFriends();

        Assert.Equal(FriendshipState.RequestSent, sent);
        Assert.Equal([bob], aliceWhilePending.Outgoing.Select(f => f.UserId));
        Assert.Equal([alice], bobWhilePending.Incoming.Select(f => f.UserId));
        Assert.Equal([alice], bobAfter.Friends.Select(f => f.UserId));
        Assert.Equal([bob], aliceAfter.Friends.Select(f => f.UserId));
        Assert.Empty(aliceAfter.Outgoing);
        await Wait.Until(async () => (await Silo.User(alice).GetNotifications(new())).Items.Any(n => n.Kind == NotificationKind.FriendAccepted), "alice was told bob accepted");
        As.User(bob);
        Assert.Contains((await Silo.User(bob).GetNotifications(new())).Items, n => n.Kind == NotificationKind.FriendRequest && n.ActorId == alice);
    }

    [Fact]
    public async Task Requests_that_cross_make_the_users_friends()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);
        As.User(bob);
        var state = await Silo.User(bob).SendFriendRequest(alice);

        Assert.Equal(FriendshipState.Friends, state);
        Assert.Equal([alice], (await Silo.User(bob).GetFriends()).Friends.Select(f => f.UserId));
    }

    [Fact]
    public async Task Requests_can_be_declined_cancelled_and_friends_removed_each_with_its_own_refusals()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);
        await Refused.With(ChatErrorCodes.FriendRequestPending, () => Silo.User(alice).SendFriendRequest(bob));
        await Refused.With(ChatErrorCodes.FriendNoRequest, () => Silo.User(alice).AcceptFriendRequest(bob));
        As.User(bob);
        await Silo.User(bob).DeclineFriendRequest(alice);
        await Refused.With(ChatErrorCodes.FriendNoRequest, () => Silo.User(bob).DeclineFriendRequest(alice));
        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);
        await Silo.User(alice).CancelFriendRequest(bob);
        await Refused.With(ChatErrorCodes.FriendNoRequest, () => Silo.User(alice).CancelFriendRequest(bob));
        await Silo.User(alice).SendFriendRequest(bob);
        As.User(bob);
        await Silo.User(bob).AcceptFriendRequest(alice);
        await Refused.With(ChatErrorCodes.FriendAlready, () => Silo.User(bob).SendFriendRequest(alice));
        await Silo.User(bob).RemoveFriend(alice);
        await Refused.With(ChatErrorCodes.FriendNotFriends, () => Silo.User(bob).RemoveFriend(alice));

        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_relationships WHERE user_id = $1 OR other_id = $1", alice));
    }

    [Fact]
    public async Task Friend_requests_to_yourself_guests_or_unknown_users_are_refused()
    {
        var alice = await Silo.NewUserAsync("alice");
        var guest = await Silo.NewUserAsync("guest", guest: true);

        As.User(alice);
        await Refused.With(ChatErrorCodes.UserSelf, () => Silo.User(alice).SendFriendRequest(alice));
        await Refused.With(ChatErrorCodes.UserNotFound, () => Silo.User(alice).SendFriendRequest(Ids.New("ghost")));
        await Refused.With(ChatErrorCodes.GuestForbidden, () => Silo.User(alice).SendFriendRequest(guest));
        As.Guest(guest);
        await Refused.With(ChatErrorCodes.GuestForbidden, () => Silo.User(guest).SendFriendRequest(alice));
    }

    [Fact]
    public async Task Blocking_ends_the_friendship_and_refuses_requests_both_ways()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);
        As.User(bob);
        await Silo.User(bob).AcceptFriendRequest(alice);

        As.User(alice);
        await Silo.User(alice).Block(bob);
        var friends = await Silo.User(alice).GetFriends();
        await Refused.With(ChatErrorCodes.UserBlocked, () => Silo.User(alice).SendFriendRequest(bob));
        As.User(bob);
        await Refused.With(ChatErrorCodes.UserBlocked, () => Silo.User(bob).SendFriendRequest(alice));
        As.User(alice);
        var blocked = await Silo.User(alice).GetBlockedUsers();
        await Silo.User(alice).Unblock(bob);
        As.User(bob);
        var afterUnblock = await Silo.User(bob).SendFriendRequest(alice);

        Assert.Empty(friends.Friends);
        Assert.Equal([bob], blocked.ToArray());
        Assert.Equal(FriendshipState.RequestSent, afterUnblock);
    }

    [Fact]
    public async Task A_blocked_user_cannot_reach_the_blocker_with_notifications()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        As.User(alice);
        await Silo.User(alice).Block(bob);

        await Silo.Room(roomId).PostAsync(bob, $"@{alice} listen to me");
        var witness = await Silo.Room(roomId).PostAsync(alice, $"@{bob} no");

        As.User(bob);
        await Wait.Until(async () => (await Silo.User(bob).GetNotifications(new())).Items.Any(n => n.Seq == witness.Seq), "bob got alice's mention (so mentions were processed)");
        As.User(alice);
        Assert.Empty((await Silo.User(alice).GetNotifications(new())).Items);
    }

    [Fact]
    public async Task Friendship_changes_reach_both_users_observers()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var aliceNode = Silo.Observer(Ids.New("node-a"));
        var bobNode = Silo.Observer(Ids.New("node-b"));
        As.User(alice);
        await Silo.User(alice).Subscribe(aliceNode);
        As.User(bob);
        await Silo.User(bob).Subscribe(bobNode);

        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);

        await Wait.Until(async () => (await bobNode.Events()).Contains($"friendship:{bob}:{alice}:RequestReceived"), "bob's node heard of the request");
        await Wait.Until(async () => (await bobNode.Events()).Contains($"notification:{bob}:FriendRequest:{alice}"), "bob's node got the notification");
        Assert.Contains($"friendship:{alice}:{bob}:RequestSent", await aliceNode.Events());
    }
}
