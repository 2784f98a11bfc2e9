using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Tests.Infrastructure;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Tests.Users;

/// <summary>Presence from gateway-node leases, custom status, and the notification inbox.</summary>
public sealed class PresenceAndInboxTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Presence_is_online_with_an_active_connection_away_when_all_are_idle_and_offline_without_any()
    {
        var alice = await Silo.NewUserAsync("alice");

        As.User(alice);
        var online = await Silo.User(alice).ReportPresence("node-1", 1, 0);
        var stillOnline = await Silo.User(alice).ReportPresence("node-2", 0, 2);
        await Silo.User(alice).ReportPresence("node-1", 0, 0);
        var away = (await Silo.User(alice).GetProfile()).Presence;
        var offline = await Silo.User(alice).ReportPresence("node-2", 0, 0);

        Assert.Equal((PresenceStatus.Online, PresenceStatus.Online, PresenceStatus.Away, PresenceStatus.Offline), (online, stillOnline, away, offline));
        await Refused.With(ChatErrorCodes.InvalidArgument, () => Silo.User(alice).ReportPresence("node-1", -1, 0));
        await Refused.With(ChatErrorCodes.InvalidId, () => Silo.User(alice).ReportPresence("bad node", 1, 0));
    }

    [Fact]
    public async Task A_gateway_node_that_stops_reporting_takes_its_connections_with_it_and_friends_are_told()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(alice);
        await Silo.User(alice).SendFriendRequest(bob);
        As.User(bob);
        await Silo.User(bob).AcceptFriendRequest(alice);
        var bobNode = Silo.Observer(Ids.New("node"));
        await Silo.User(bob).Subscribe(bobNode);

        As.User(alice);
        await Silo.User(alice).ReportPresence("node-1", 1, 0);
        await Wait.Until(async () => (await bobNode.Events()).Contains($"presence:{alice}:Online:"), "bob's node saw alice come online");
        Silo.Time.Advance(TimeSpan.FromSeconds(91));

        await Wait.Until(async () => (await bobNode.Events()).Contains($"presence:{alice}:Offline:"), "bob's node saw alice's lease expire");
        Assert.Equal(PresenceStatus.Offline, (await Silo.User(alice).GetProfile()).Presence);
    }

    [Fact]
    public async Task A_custom_status_shows_in_the_profile_and_reaches_friends()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(bob);
        await Silo.User(bob).SendFriendRequest(alice);
        As.User(alice);
        await Silo.User(alice).AcceptFriendRequest(bob);
        var bobNode = Silo.Observer(Ids.New("node"));
        As.User(bob);
        await Silo.User(bob).Subscribe(bobNode);

        As.User(alice);
        var profile = await Silo.User(alice).SetCustomStatus("in a game");
        await Refused.With(ChatErrorCodes.InvalidStatus, () => Silo.User(alice).SetCustomStatus(new string('s', 129)));

        Assert.Equal("in a game", profile.CustomStatus);
        await Wait.Until(async () => (await bobNode.Events()).Contains($"presence:{alice}:Offline:in a game"), "bob's node saw the status");
        As.User(bob);
        Assert.Equal("in a game", (await Silo.User(alice).GetProfile()).CustomStatus);
    }

    [Fact]
    public async Task The_inbox_counts_unread_notifications_and_marks_them_read()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        for (var i = 0; i < 3; i++)
        {
            await Silo.Room(roomId).PostAsync(alice, $"@{bob} ping {i}");
        }

        As.User(bob);
        await Wait.Until(async () => (await Silo.User(bob).GetNotifications(new())).UnreadCount == 3, "bob has three unread mentions");
        var page = await Silo.User(bob).GetNotifications(new NotificationQuery(Limit: 2));
        var left = await Silo.User(bob).MarkNotificationsRead(page.Items[^1].Id);
        var unread = await Silo.User(bob).GetNotifications(new NotificationQuery(UnreadOnly: true));
        var older = await Silo.User(bob).GetNotifications(new NotificationQuery(BeforeId: page.Items[^1].Id));

        Assert.Equal(2, page.Items.Length);
        Assert.True(page.Items[0].Id > page.Items[1].Id);
        Assert.Equal(1, left);
        Assert.Single(unread.Items);
        Assert.False(unread.Items[0].IsRead);
        Assert.Single(older.Items);
        await Refused.With(ChatErrorCodes.InvalidPageLimit, () => Silo.User(bob).GetNotifications(new NotificationQuery(Limit: 500)));
    }
}
