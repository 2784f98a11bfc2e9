using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>
/// The silo-wide group commit (<see cref="MessageAppendWriter"/>): appends of many conversations share
/// one transaction, and each conversation keeps every guarantee of its log. To make "arrive while a
/// write is in flight" certain, the tests hold the single writer on a row lock that the test's own
/// open transaction owns, queue appends behind it, and then let it go.
/// </summary>
public sealed class GroupCommitTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task Posts_in_many_rooms_at_once_share_transactions_and_every_room_keeps_a_gap_free_order()
    {
        const int Rooms = 30;
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        using var conversationsPerTransaction = new MetricRecorder(silo, "orleanschat.chat.append.transaction_conversations");
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        var owner = await silo.NewUserAsync("owner");
        var rooms = new List<string>();
        for (var i = 0; i < Rooms; i++)
        {
            rooms.Add(await silo.NewRoomAsync(owner));
        }

        var before = writer.Transactions;
        await using (var hold = await HoldWriterAsync(silo))
        {
            var first = rooms.Select(r => silo.Room(r).PostAsync(owner, "first")).ToList();
            await Wait.Until(() => writer.Queued == Rooms, $"all {Rooms} rooms' appends are queued behind the held write");
            await hold.ReleaseAsync();
            await Task.WhenAll(first);
        }

        // Unheld, each room sends two more in order while the others do the same.
        await Task.WhenAll(rooms.Select(async r =>
        {
            await silo.Room(r).PostAsync(owner, "second");
            await silo.Room(r).PostAsync(owner, "third");
        }));

        Assert.Contains(Rooms, conversationsPerTransaction.Values);
        Assert.True(writer.Transactions - before < Rooms * 3, $"{writer.Transactions - before} transactions for {Rooms * 3} appends");
        foreach (var room in rooms)
        {
            Assert.Equal([(1L, "first"), (2L, "second"), (3L, "third")], await silo.StoredMessagesAsync(ConversationIds.ForRoom(room)));
        }
    }

    [Fact]
    public async Task A_stale_conversation_in_a_combined_transaction_fails_alone_and_the_others_commit()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        var store = silo.Services.GetRequiredService<IMessageStore>();
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        var (a, stale, c) = (Ids.New("conv-a"), Ids.New("conv-stale"), Ids.New("conv-c"));
        await store.AppendAsync(stale, 0, [Draft("other-activation")]);

        Task<IReadOnlyList<AppendOutcome>> fromA, fromStale, fromC;
        await using (var hold = await HoldWriterAsync(silo))
        {
            fromA = store.AppendAsync(a, 0, [Draft("a1"), Draft("a2")]);
            fromStale = store.AppendAsync(stale, 0, [Draft("stale")]);
            fromC = store.AppendAsync(c, 0, [Draft("c1")]);
            await Wait.Until(() => writer.Queued == 3, "the three appends are queued behind the held write");
            await hold.ReleaseAsync();
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => fromStale);
        Assert.True(ChatDatabase.IsUniqueViolation(refused), refused.Message);
        Assert.Equal([1L, 2L], (await fromA).Select(o => o.Message.Seq));
        Assert.Equal([1L], (await fromC).Select(o => o.Message.Seq));
        Assert.Equal([(1L, "a1"), (2L, "a2")], await silo.StoredMessagesAsync(a));
        Assert.Equal([(1L, "c1")], await silo.StoredMessagesAsync(c));
        Assert.Equal([(1L, "other-activation")], await silo.StoredMessagesAsync(stale));
    }

    [Fact]
    public async Task A_retry_inside_a_combined_transaction_returns_the_original_and_new_messages_follow_it()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        var store = silo.Services.GetRequiredService<IMessageStore>();
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        var (retried, fresh) = (Ids.New("conv-retry"), Ids.New("conv-fresh"));
        var original = (await store.AppendAsync(retried, 0, [Draft("original", clientId: "c1")]))[0].Message;

        Task<IReadOnlyList<AppendOutcome>> fromRetried, fromFresh;
        long combinedBefore;
        await using (var hold = await HoldWriterAsync(silo))
        {
            combinedBefore = writer.CombinedTransactions;
            fromRetried = store.AppendAsync(retried, 1, [Draft("original", clientId: "c1"), Draft("next", clientId: "c2")]);
            fromFresh = store.AppendAsync(fresh, 0, [Draft("f1")]);
            await Wait.Until(() => writer.Queued == 2, "both appends are queued behind the held write");
            await hold.ReleaseAsync();
        }

        var outcomes = await fromRetried;
        Assert.Equal(1, writer.CombinedTransactions - combinedBefore);
        Assert.False(outcomes[0].Created);
        Assert.Equal((original.Seq, original.Text, original.CreatedAt), (outcomes[0].Message.Seq, outcomes[0].Message.Text, outcomes[0].Message.CreatedAt));
        Assert.True(outcomes[1].Created);
        Assert.Equal(2, outcomes[1].Message.Seq);
        Assert.Equal([1L], (await fromFresh).Select(o => o.Message.Seq));
        Assert.Equal([(1L, "original"), (2L, "next")], await silo.StoredMessagesAsync(retried));
    }

    [Fact]
    public async Task Two_appends_to_one_conversation_from_the_same_head_in_one_statement_store_one_and_refuse_the_other_without_a_gap()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        var store = silo.Services.GetRequiredService<IMessageStore>();
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        var conversation = Ids.New("conv-twice");
        Task<IReadOnlyList<AppendOutcome>> first, second;
        await using (var hold = await HoldWriterAsync(silo))
        {
            // As from two activations of one conversation that both believe the log is empty.
            first = store.AppendAsync(conversation, 0, [Draft("first-1"), Draft("first-2")]);
            second = store.AppendAsync(conversation, 0, [Draft("second-1")]);
            await Wait.Until(() => writer.Queued == 2, "both appends are queued behind the held write");
            await hold.ReleaseAsync();
        }

        Assert.Equal([1L, 2L], (await first).Select(o => o.Message.Seq));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => second);
        Assert.True(ChatDatabase.IsUniqueViolation(refused), refused.Message);
        Assert.Equal([(1L, "first-1"), (2L, "first-2")], await silo.StoredMessagesAsync(conversation));
    }

    [Fact]
    public async Task A_combined_statement_stores_every_field_of_every_conversation_and_answers_each_in_its_own_order()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        var store = silo.Services.GetRequiredService<IMessageStore>();
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        // Ids chosen so that the statement's order (by conversation id) is not the order of arrival.
        var (late, early) = (Ids.New("conv-z"), Ids.New("conv-a"));
        await store.AppendAsync(late, 0, [Draft("z1")]);
        var at = DateTimeOffset.UnixEpoch.AddDays(2);
        NewMessage[] lateMessages =
        [
            new("ann", "z2", "hello @bob and @cy", at, 1, ["bob", "cy"]),
            new("bob", "z3", "plain", at.AddSeconds(1), null, []),
        ];
        NewMessage[] earlyMessages = [new("cy", "a1", "first", at, null, ["ann"])];
        Task<IReadOnlyList<AppendOutcome>> fromLate, fromEarly;
        await using (var hold = await HoldWriterAsync(silo))
        {
            fromLate = store.AppendAsync(late, 1, lateMessages);
            fromEarly = store.AppendAsync(early, 0, earlyMessages);
            await Wait.Until(() => writer.Queued == 2, "both appends are queued behind the held write");
            await hold.ReleaseAsync();
        }

        Assert.Equal([(2L, "ann", "z2"), (3L, "bob", "z3")], (await fromLate).Select(o => (o.Message.Seq, o.Message.SenderId, o.Message.ClientMessageId)));
        Assert.Equal([(1L, "cy", "a1")], (await fromEarly).Select(o => (o.Message.Seq, o.Message.SenderId, o.Message.ClientMessageId)));
        var (stored, _) = await store.ReadPageAsync(late, new HistoryQuery(Limit: 10), viewerId: "ann");
        Assert.Equal(["z1", "hello @bob and @cy", "plain"], stored.Select(m => m.Text));
        Assert.Equal((1L, "bob cy", at), (stored[1].ReplyToSeq, string.Join(' ', stored[1].Mentions), stored[1].CreatedAt));
        Assert.Equal((null, ""), (stored[2].ReplyToSeq, string.Join(' ', stored[2].Mentions)));
        var earlyStored = await store.GetAsync(early, 1, viewerId: "cy");
        Assert.Equal(("first", "ann"), (earlyStored?.Text, string.Join(' ', earlyStored?.Mentions ?? [])));
    }

    [Fact]
    public async Task While_the_database_is_down_every_pending_append_fails_and_appends_work_again_when_it_is_back()
    {
        const int Conversations = 12;
        var target = new NpgsqlConnectionStringBuilder(fixture.ConnectionString);
        await using var relay = new TcpRelay(target.Port);
        relay.Start();
        var viaRelay = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Pooling = false, Timeout = 5 };
        await using var dataSource = NpgsqlDataSource.Create(viaRelay.ConnectionString);
        var options = Options.Create(new ChatOptions { GroupCommitWriters = 1 });
        var metrics = new ChatMetrics(fixture.Silo.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        await using var writer = new MessageAppendWriter(new ChatDatabase(dataSource, options), options, metrics, NullLogger<MessageAppendWriter>.Instance);
        var conversations = Enumerable.Range(0, Conversations).Select(i => Ids.New("conv-outage" + i)).ToList();
        Assert.Equal(1, (await writer.AppendAsync(Ids.New("conv-before"), 0, [Draft("before the outage")]))[0].Message.Seq);

        await relay.CutAsync();
        var during = conversations.Select(c => writer.AppendAsync(c, 0, [Draft("during")])).ToList();
        foreach (var append in during)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => append.WaitAsync(Wait.DefaultTimeout));
            Assert.True(ChatDatabase.IsUnavailable(error), $"expected a database failure, got {error}");
        }

        relay.Start();
        var after = await Task.WhenAll(conversations.Select(c => writer.AppendAsync(c, 0, [Draft("after")]))).WaitAsync(Wait.DefaultTimeout);

        Assert.All(after, outcomes => Assert.Equal((1L, "after", true), (outcomes[0].Message.Seq, outcomes[0].Message.Text, outcomes[0].Created)));
        Assert.Equal(Conversations, await fixture.Silo.CountAsync("SELECT count(*) FROM chat_messages WHERE conversation_id = ANY($1)", [conversations.ToArray()]));
    }

    [Fact]
    public async Task Appends_queued_at_shutdown_fail_as_storage_unavailable_and_the_write_in_flight_still_completes()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: o => o.GroupCommitWriters = 1);
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        Task<IReadOnlyList<AppendOutcome>> queued;
        await using (var hold = await HoldWriterAsync(silo))
        {
            queued = writer.AppendAsync(Ids.New("conv-queued"), 0, [Draft("queued")]);
            await Wait.Until(() => writer.Queued == 1, "the append is queued behind the held write");
            await writer.DisposeAsync();

            await Refused.With(ChatErrorCodes.StorageUnavailable, () => queued);
            await Refused.With(ChatErrorCodes.StorageUnavailable, () => writer.AppendAsync(Ids.New("conv-late"), 0, [Draft("late")]));
            await hold.ReleaseAsync();
        }

        Assert.Equal(0, await silo.CountAsync("SELECT count(*) FROM chat_messages WHERE body IN ('queued', 'late')"));
    }

    private static NewMessage Draft(string text, string? clientId = null) =>
        new("sender", clientId ?? Guid.NewGuid().ToString("N"), text, DateTimeOffset.UnixEpoch.AddDays(1), null, []);

    /// <summary>Makes the writer's next transaction wait on a row this test's open transaction inserted, until released.</summary>
    private static async Task<HeldWrite> HoldWriterAsync(ChatSilo silo)
    {
        var writer = silo.Services.GetRequiredService<MessageAppendWriter>();
        var conversation = Ids.New("conv-hold");
        var connection = await silo.Database.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO chat_messages (conversation_id, seq, sender_id, client_message_id, body, created_at) VALUES ($1, 1, 'holder', 'holder', 'holder', now())",
            connection,
            transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = conversation });
            await insert.ExecuteNonQueryAsync();
        }

        var held = writer.AppendAsync(conversation, 0, [Draft("held")]);
        await Wait.Until(() => writer.Queued == 0, "the writer took the held append");
        await Wait.Until(
            async () => await silo.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO chat_messages%'") > 0,
            "the held append waits on the test's row");
        return new HeldWrite(connection, transaction, held);
    }

    private sealed class HeldWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, Task<IReadOnlyList<AppendOutcome>> held) : IAsyncDisposable
    {
        private bool _released;

        /// <summary>Rolls the test's row back, so the held append commits (as seq 1 of its own conversation).</summary>
        public async Task ReleaseAsync()
        {
            if (!_released)
            {
                _released = true;
                await transaction.RollbackAsync();
                Assert.Equal(1, (await held.WaitAsync(Wait.DefaultTimeout))[0].Message.Seq);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
