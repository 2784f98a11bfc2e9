using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>Observer subscriptions: events in order, expiry, dropping failed observers, transient typing.</summary>
public sealed class FanOutTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Every_kind_of_event_reaches_a_subscribed_observer_in_the_order_it_happened()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        var observer = Silo.Observer(Ids.New("node"));
        As.User(alice);
        var lease = await Silo.Room(roomId).Subscribe(observer);

        await Silo.JoinAsync(roomId, bob);
        var posted = await Silo.Room(roomId).PostAsync(bob, "hello");
        As.User(alice);
        await Silo.Room(roomId).ToggleReaction(posted.Seq, "👋");
        await Silo.Room(roomId).SendTyping();
        await Silo.Room(roomId).MarkRead(posted.Seq);
        As.User(bob);
        await Silo.Room(roomId).Edit(posted.Seq, "hello all");
        await Silo.Room(roomId).DeleteMessage(posted.Seq);

        string[] expected =
        [
            $"member:{bob}:Joined:Member",
            $"posted:{ConversationIds.ForRoom(roomId)}:1",
            $"reaction:1:👋:{alice}:added:1",
            $"typing:{alice}",
            $"read:{alice}:1",
            "edited:1:hello all",
            $"deleted:1:{bob}",
        ];
        await Wait.Until(async () => (await observer.Events()).Length == expected.Length, $"the observer received {expected.Length} events");
        Assert.Equal(expected, (await observer.Events()).ToArray());
        Assert.Equal(Silo.Time.GetUtcNow() + TimeSpan.FromMinutes(2), lease.ExpiresAt);
    }

    [Fact]
    public async Task A_subscription_that_is_not_renewed_expires()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var renewed = Silo.Observer(Ids.New("renewed"));
        var forgotten = Silo.Observer(Ids.New("forgotten"));
        As.User(alice);
        await Silo.Room(roomId).Subscribe(renewed);
        await Silo.Room(roomId).Subscribe(forgotten);

        Silo.Time.Advance(TimeSpan.FromMinutes(1));
        await Silo.Room(roomId).Subscribe(renewed);
        Silo.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await Silo.Room(roomId).PostAsync(alice, "anyone there?");

        await Wait.Until(async () => (await renewed.Posted()).Length == 1, "the renewed observer received the message");
        Assert.Empty(await forgotten.Events());
        Assert.Equal(1, (await Silo.RoomDiagnostics(roomId).GetLogStats()).Subscribers);
    }

    [Fact]
    public async Task A_failing_observer_is_dropped_and_the_others_keep_receiving()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var healthy = Silo.Observer(Ids.New("healthy"));
        var dead = Silo.Observer(Ids.New("dead"));
        As.User(alice);
        await Silo.Room(roomId).Subscribe(healthy);
        await Silo.Room(roomId).Subscribe(dead);
        await dead.FailFromNowOn();

        await Silo.Room(roomId).PostAsync(alice, "one");
        await Wait.Until(async () => (await Silo.RoomDiagnostics(roomId).GetLogStats()).Subscribers == 1, "the failing observer was dropped");
        await Silo.Room(roomId).PostAsync(alice, "two");

        await Wait.Until(async () => (await healthy.Posted()).Length == 2, "the healthy observer received both messages");
        Assert.Empty(await dead.Events());
    }

    [Fact]
    public async Task Unsubscribing_stops_deliveries()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var observer = Silo.Observer(Ids.New("node"));
        var witness = Silo.Observer(Ids.New("witness"));
        As.User(alice);
        await Silo.Room(roomId).Subscribe(observer);
        await Silo.Room(roomId).Subscribe(witness);

        await Silo.Room(roomId).Unsubscribe(observer);
        await Silo.Room(roomId).PostAsync(alice, "after unsubscribe");

        await Wait.Until(async () => (await witness.Posted()).Length == 1, "the still-subscribed witness received the message");
        Assert.Empty(await observer.Events());
    }

    [Fact]
    public async Task Typing_signals_are_throttled_per_user_and_never_stored()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var observer = Silo.Observer(Ids.New("node"));
        As.User(alice);
        await Silo.Room(roomId).Subscribe(observer);

        await Silo.Room(roomId).SendTyping();
        await Silo.Room(roomId).SendTyping();
        Silo.Time.Advance(TimeSpan.FromSeconds(3));
        await Silo.Room(roomId).SendTyping();

        await Wait.Until(async () => (await observer.Events()).Length == 2, "two typing signals arrived");
        Assert.Equal([$"typing:{alice}", $"typing:{alice}"], (await observer.Events()).ToArray());
        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_messages WHERE conversation_id = $1", ConversationIds.ForRoom(roomId)));
    }
}
