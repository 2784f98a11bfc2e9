using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>The message log's guarantees: idempotent, ordered, gap-free, committed before acknowledged, batched.</summary>
public sealed class MessageLogTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Retry_with_the_same_client_message_id_stores_one_message()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var room = Silo.Room(roomId);

        As.User(alice);
        var first = await room.Post(new PostMessageRequest("client-1", "hello"));
        var retry = await room.Post(new PostMessageRequest("client-1", "hello"));

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Message.Seq, retry.Message.Seq);
        Assert.Equal(1, await Silo.CountAsync("SELECT count(*) FROM chat_messages WHERE conversation_id = $1", ConversationIds.ForRoom(roomId)));
    }

    [Fact]
    public async Task Retry_after_the_room_was_reactivated_returns_the_original_from_the_database()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        var original = await Silo.Room(roomId).PostAsync(alice, "hello", clientId: "client-1");
        await Silo.RoomDiagnostics(roomId).Deactivate();

        As.User(alice);
        var retry = await Silo.Room(roomId).Post(new PostMessageRequest("client-1", "hello"));
        var next = await Silo.Room(roomId).PostAsync(alice, "next");

        Assert.True(retry.Duplicate);
        Assert.Equal(original.Seq, retry.Message.Seq);
        Assert.Equal("hello", retry.Message.Text);
        Assert.Equal(original.Seq + 1, next.Seq);
        Assert.Equal(2, await Silo.CountAsync("SELECT count(*) FROM chat_messages WHERE conversation_id = $1", ConversationIds.ForRoom(roomId)));
    }

    [Fact]
    public async Task The_same_client_message_id_from_two_senders_is_two_messages()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);

        var fromAlice = await Silo.Room(roomId).PostAsync(alice, "hi", clientId: "same");
        var fromBob = await Silo.Room(roomId).PostAsync(bob, "hi", clientId: "same");

        Assert.NotEqual(fromAlice.Seq, fromBob.Seq);
    }

    [Fact]
    public async Task Twenty_concurrent_senders_produce_one_gap_free_sequence_seen_identically_by_every_observer()
    {
        const int Senders = 20;
        const int MessagesEach = 3;
        var owner = await Silo.NewUserAsync("owner");
        var roomId = await Silo.NewRoomAsync(owner);
        var senders = new List<string>();
        for (var i = 0; i < Senders; i++)
        {
            var user = await Silo.NewUserAsync("s" + i);
            await Silo.JoinAsync(roomId, user);
            senders.Add(user);
        }

        var observers = Enumerable.Range(0, 3).Select(i => Silo.Observer(Ids.New("node" + i))).ToList();
        As.User(owner);
        foreach (var observer in observers)
        {
            await Silo.Room(roomId).Subscribe(observer);
        }

        await Task.WhenAll(senders.Select(async user =>
        {
            for (var m = 0; m < MessagesEach; m++)
            {
                await Silo.Room(roomId).PostAsync(user, $"{user} says {m}", clientId: $"{user}-{m}");
            }
        }));

        const int Total = Senders * MessagesEach;
        foreach (var observer in observers)
        {
            await Wait.Until(async () => (await observer.Posted()).Length == Total, $"every observer has received all {Total} messages");
        }

        var seen = await Task.WhenAll(observers.Select(async o => (await o.Posted()).Select(m => (m.Seq, m.SenderId, m.ClientMessageId)).ToList()));
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), seen[0].Select(m => m.Seq));
        Assert.All(seen, order => Assert.Equal(seen[0], order));

        As.User(owner);
        var history = await Silo.Room(roomId).GetHistory(new HistoryQuery(Limit: 100));
        Assert.Equal(seen[0], history.Messages.Select(m => (m.Seq, m.SenderId, m.ClientMessageId)).ToList());

        // Each sender's own messages keep the order in which that sender sent them.
        foreach (var user in senders)
        {
            Assert.Equal(
                Enumerable.Range(0, MessagesEach).Select(m => $"{user}-{m}"),
                seen[0].Where(m => m.SenderId == user).Select(m => m.ClientMessageId));
        }
    }

    [Fact]
    public async Task Concurrent_posts_are_written_together_in_one_round_trip()
    {
        var (silo, store) = await FaultySilo.StartAsync(fixture.ConnectionString, options => options.RateLimit.Burst = 50);
        await using var _ = silo;
        using var batchSizes = new MetricRecorder(silo, "orleanschat.chat.append.batch_size");
        var alice = await silo.NewUserAsync("alice");
        var roomId = await silo.NewRoomAsync(alice);
        await silo.Room(roomId).PostAsync(alice, "warm-up");
        var appendsBefore = store.AppendCalls;

        // The first post's write is held in flight; the next 19 queue behind it and must go together.
        store.HoldAppends();
        var first = silo.Room(roomId).PostAsync(alice, "message 0", clientId: "m0");
        await Wait.Until(() => store.AppendCalls == appendsBefore + 1, "the first post's write reached the database");
        var rest = Enumerable.Range(1, 19).Select(i => silo.Room(roomId).PostAsync(alice, $"message {i}", clientId: $"m{i}")).ToList();
        await Wait.Until(async () => (await silo.RoomDiagnostics(roomId).GetLogStats()).Queued == 19, "19 posts queued behind the write in flight");
        store.ReleaseAppends();
        var messages = await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(appendsBefore + 2, store.AppendCalls);
        Assert.Equal([1, 1, 19], store.BatchSizes);
        Assert.Equal([1L, 1L, 19L], batchSizes.Values);
        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), messages.Select(m => m.Seq).Order());
        var stored = await silo.StoredMessagesAsync(ConversationIds.ForRoom(roomId));
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), stored.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_room_that_is_reactivated_keeps_its_history_and_continues_its_sequence()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);
        for (var i = 1; i <= 3; i++)
        {
            await Silo.Room(roomId).PostAsync(alice, $"before {i}");
        }

        await Silo.RoomDiagnostics(roomId).Deactivate();
        var after = await Silo.Room(roomId).PostAsync(alice, "after");

        As.User(alice);
        var history = await Silo.Room(roomId).GetHistory(new HistoryQuery());
        Assert.Equal(4, after.Seq);
        Assert.Equal(["before 1", "before 2", "before 3", "after"], history.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_room_that_moves_to_another_silo_keeps_its_history_and_continues_its_sequence()
    {
        string alice;
        string roomId;
        await using (var first = await ChatSilo.StartAsync(fixture.ConnectionString))
        {
            alice = await first.NewUserAsync("alice");
            roomId = await first.NewRoomAsync(alice);
            await first.Room(roomId).PostAsync(alice, "on the first silo");
            await first.Room(roomId).PostAsync(alice, "still on the first silo");
        }

        await using var second = await ChatSilo.StartAsync(fixture.ConnectionString);
        var moved = await second.Room(roomId).PostAsync(alice, "on the second silo");

        As.User(alice);
        var history = await second.Room(roomId).GetHistory(new HistoryQuery());
        Assert.Equal(3, moved.Seq);
        Assert.Equal(["on the first silo", "still on the first silo", "on the second silo"], history.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_stale_duplicate_activation_never_overwrites_a_sequence_number()
    {
        await using var siloA = await ChatSilo.StartAsync(fixture.ConnectionString);
        await using var siloB = await ChatSilo.StartAsync(fixture.ConnectionString);
        var alice = await siloA.NewUserAsync("alice");
        var roomId = await siloA.NewRoomAsync(alice);

        // Both silos hold an activation of the same room (a split brain); A's belief of the head goes stale.
        await siloA.Room(roomId).PostAsync(alice, "A1");
        await siloB.Room(roomId).PostAsync(alice, "B2");
        var fromStale = await siloA.Room(roomId).PostAsync(alice, "A3");

        Assert.Equal(3, fromStale.Seq);
        Assert.Equal(
            [(1L, "A1"), (2L, "B2"), (3L, "A3")],
            await siloA.StoredMessagesAsync(ConversationIds.ForRoom(roomId)));
    }

    [Fact]
    public async Task A_storage_failure_during_a_post_returns_an_error_and_nothing_is_acknowledged_or_fanned_out()
    {
        var (silo, store) = await FaultySilo.StartAsync(fixture.ConnectionString);
        await using var _ = silo;
        var alice = await silo.NewUserAsync("alice");
        var roomId = await silo.NewRoomAsync(alice);
        var observer = silo.Observer(Ids.New("node"));
        As.User(alice);
        await silo.Room(roomId).Subscribe(observer);

        store.FailAppends = true;
        await Refused.With(ChatErrorCodes.StorageUnavailable, () => silo.Room(roomId).Post(new PostMessageRequest("c1", "lost?")));
        store.FailAppends = false;
        var retried = await silo.Room(roomId).Post(new PostMessageRequest("c1", "lost?"));
        await Wait.Until(async () => (await observer.Posted()).Length == 1, "the observer received the retried message");

        Assert.False(retried.Duplicate);
        Assert.Equal(1, retried.Message.Seq);
        Assert.Equal([1L], (await observer.Posted()).Select(m => m.Seq));
        Assert.Equal([(1L, "lost?")], await silo.StoredMessagesAsync(ConversationIds.ForRoom(roomId)));
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_last_sequence_gets_exactly_what_it_missed_in_order()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        await Silo.Room(roomId).PostAsync(alice, "seen 1");
        var lastSeen = await Silo.Room(roomId).PostAsync(alice, "seen 2");
        for (var i = 1; i <= 5; i++)
        {
            // One per second keeps alice inside the rate limit (5 per 5 s).
            Silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Silo.Room(roomId).PostAsync(alice, $"missed {i}");
        }

        As.User(bob);
        var missed = await Silo.Room(roomId).GetHistory(new HistoryQuery(AfterSeq: lastSeen.Seq, Limit: 100));

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"missed {i}"), missed.Messages.Select(m => m.Text));
        Assert.False(missed.HasMore);
        Assert.Equal(7, missed.LastSeq);
    }
}
