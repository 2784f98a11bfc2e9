using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>Edits with history, tombstones, reactions, replies, mentions, paging, read positions.</summary>
public sealed class MessageFeatureTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    private async Task<(string Room, string Alice, string Bob)> RoomWithTwoAsync()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        return (roomId, alice, bob);
    }

    [Fact]
    public async Task Editing_a_message_keeps_its_earlier_texts()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        var posted = await Silo.Room(roomId).PostAsync(alice, "frist");

        As.User(alice);
        await Silo.Room(roomId).Edit(posted.Seq, "first");
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        var edited = await Silo.Room(roomId).Edit(posted.Seq, "first!");
        As.User(bob);
        var history = await Silo.Room(roomId).GetEditHistory(posted.Seq);

        Assert.Equal("first!", edited.Text);
        Assert.Equal(Silo.Time.GetUtcNow(), edited.EditedAt);
        Assert.Equal(["frist", "first"], history.Select(r => r.PreviousText));
        Assert.All(history, r => Assert.Equal(alice, r.RevisedBy));
    }

    [Fact]
    public async Task Only_the_author_edits_and_deleted_or_missing_messages_cannot_be_edited()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        var posted = await Silo.Room(roomId).PostAsync(alice, "mine");

        As.User(bob);
        await Refused.With(ChatErrorCodes.MessageNotAuthor, () => Silo.Room(roomId).Edit(posted.Seq, "yours now"));
        As.User(alice);
        await Refused.With(ChatErrorCodes.MessageNotFound, () => Silo.Room(roomId).Edit(99, "nothing here"));
        await Refused.With(ChatErrorCodes.TextEmpty, () => Silo.Room(roomId).Edit(posted.Seq, "   "));
        await Silo.Room(roomId).DeleteMessage(posted.Seq);
        await Refused.With(ChatErrorCodes.MessageDeleted, () => Silo.Room(roomId).Edit(posted.Seq, "revive"));
    }

    [Fact]
    public async Task A_deleted_message_stays_as_a_tombstone_and_keeps_the_sequence_intact()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        await Silo.Room(roomId).PostAsync(alice, "one");
        var two = await Silo.Room(roomId).PostAsync(alice, "two");
        await Silo.Room(roomId).PostAsync(alice, "three");
        As.User(alice);
        await Silo.Room(roomId).Edit(two.Seq, "two (edited)");

        var deleted = await Silo.Room(roomId).DeleteMessage(two.Seq);
        var again = await Silo.Room(roomId).DeleteMessage(two.Seq);
        As.User(bob);
        var history = await Silo.Room(roomId).GetHistory(new HistoryQuery());

        Assert.True(deleted.IsDeleted);
        Assert.Equal(deleted.DeletedAt, again.DeletedAt);
        Assert.Equal([1L, 2L, 3L], history.Messages.Select(m => m.Seq));
        Assert.Equal(["one", "", "three"], history.Messages.Select(m => m.Text));
        await Refused.With(ChatErrorCodes.MessageDeleted, () => Silo.Room(roomId).GetEditHistory(two.Seq));
        As.User(alice);
        Assert.Equal(["two"], (await Silo.Room(roomId).GetEditHistory(two.Seq)).Select(r => r.PreviousText));
    }

    [Fact]
    public async Task Reactions_toggle_per_user_and_emoji_and_are_counted_in_history()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        var posted = await Silo.Room(roomId).PostAsync(alice, "vote");

        As.User(alice);
        var aliceUp = await Silo.Room(roomId).ToggleReaction(posted.Seq, "👍");
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        await Silo.Room(roomId).ToggleReaction(posted.Seq, ":tada:");
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        As.User(bob);
        var bobUp = await Silo.Room(roomId).ToggleReaction(posted.Seq, "👍");
        As.User(alice);
        var aliceDown = await Silo.Room(roomId).ToggleReaction(posted.Seq, "👍");
        As.User(bob);
        var seenByBob = (await Silo.Room(roomId).GetHistory(new HistoryQuery())).Messages.Single();

        Assert.Equal((true, 1), (aliceUp.Added, aliceUp.Count));
        Assert.Equal((true, 2), (bobUp.Added, bobUp.Count));
        Assert.Equal((false, 1), (aliceDown.Added, aliceDown.Count));
        // Listed in the order the current reactions first appeared: alice's 👍 is gone, bob's came after :tada:.
        Assert.Equal([new ReactionSummary(":tada:", 1, false), new ReactionSummary("👍", 1, true)], seenByBob.Reactions.ToArray());
        await Refused.With(ChatErrorCodes.InvalidEmoji, () => Silo.Room(roomId).ToggleReaction(posted.Seq, "two words"));
        await Refused.With(ChatErrorCodes.MessageNotFound, () => Silo.Room(roomId).ToggleReaction(999, "👍"));
    }

    [Fact]
    public async Task A_reply_refers_to_an_existing_message()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        var question = await Silo.Room(roomId).PostAsync(alice, "lunch?");

        var answer = await Silo.Room(roomId).PostAsync(bob, "yes", replyTo: question.Seq);
        As.User(bob);

        Assert.Equal(question.Seq, answer.ReplyToSeq);
        await Refused.With(ChatErrorCodes.MessageReplyNotFound, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "to nothing", ReplyToSeq: 42)));
        Assert.Equal(question.Seq, (await Silo.Room(roomId).GetHistory(new HistoryQuery())).Messages[^1].ReplyToSeq);
    }

    [Fact]
    public async Task Mentions_notify_mentioned_members_only()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        var outsider = await Silo.NewUserAsync("outsider");

        var posted = await Silo.Room(roomId).PostAsync(alice, $"hey @{bob}, @{outsider} and @{alice}: see this. @{bob.ToUpperInvariant()}!");

        Assert.Equal([bob.ToLowerInvariant(), outsider.ToLowerInvariant(), alice.ToLowerInvariant()], posted.Mentions.ToArray());
        As.User(bob);
        await Wait.Until(async () => (await Silo.User(bob).GetNotifications(new())).Items.Any(n => n.Kind == NotificationKind.Mention), "bob got a mention notification");
        var mention = (await Silo.User(bob).GetNotifications(new())).Items.Single();
        Assert.Equal((alice, ConversationIds.ForRoom(roomId), posted.Seq), (mention.ActorId, mention.ConversationId, mention.Seq));
        As.User(outsider);
        Assert.Empty((await Silo.User(outsider).GetNotifications(new())).Items);
        As.User(alice);
        Assert.Empty((await Silo.User(alice).GetNotifications(new())).Items);
    }

    [Fact]
    public async Task History_pages_backwards_and_forwards_from_a_sequence_number()
    {
        var (roomId, alice, _) = await RoomWithTwoAsync();
        for (var i = 1; i <= 30; i++)
        {
            Silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Silo.Room(roomId).PostAsync(alice, $"m{i}");
        }

        As.User(alice);
        var latest = await Silo.Room(roomId).GetHistory(new HistoryQuery(Limit: 10));
        var older = await Silo.Room(roomId).GetHistory(new HistoryQuery(BeforeSeq: latest.Messages[0].Seq, Limit: 10));
        var oldest = await Silo.Room(roomId).GetHistory(new HistoryQuery(BeforeSeq: 11, Limit: 20));
        var newer = await Silo.Room(roomId).GetHistory(new HistoryQuery(AfterSeq: 25, Limit: 10));
        var middle = await Silo.Room(roomId).GetHistory(new HistoryQuery(AfterSeq: 5, Limit: 3));

        Assert.Equal(Range(21, 30), latest.Messages.Select(m => m.Seq));
        Assert.True(latest.HasMore);
        Assert.Equal(Range(11, 20), older.Messages.Select(m => m.Seq));
        Assert.Equal(Range(1, 10), oldest.Messages.Select(m => m.Seq));
        Assert.False(oldest.HasMore);
        Assert.Equal(Range(26, 30), newer.Messages.Select(m => m.Seq));
        Assert.False(newer.HasMore);
        Assert.Equal(Range(6, 8), middle.Messages.Select(m => m.Seq));
        Assert.True(middle.HasMore);
        Assert.Equal(30, middle.LastSeq);
    }

    [Theory]
    [InlineData(null, null, 0, ChatErrorCodes.InvalidPageLimit)]
    [InlineData(null, null, 101, ChatErrorCodes.InvalidPageLimit)]
    [InlineData(5L, 1L, 10, ChatErrorCodes.InvalidArgument)]
    [InlineData(-1L, null, 10, ChatErrorCodes.InvalidArgument)]
    public async Task Invalid_history_queries_are_refused(long? before, long? after, int limit, string code)
    {
        var (roomId, alice, _) = await RoomWithTwoAsync();

        As.User(alice);
        await Refused.With(code, () => Silo.Room(roomId).GetHistory(new HistoryQuery(before, after, limit)));
    }

    [Fact]
    public async Task Read_positions_give_unread_counts_and_never_move_back()
    {
        var (roomId, alice, bob) = await RoomWithTwoAsync();
        for (var i = 1; i <= 4; i++)
        {
            await Silo.Room(roomId).PostAsync(alice, $"m{i}");
        }

        await Silo.Room(roomId).PostAsync(bob, "my own message does not count");
        As.User(bob);
        var before = (await Silo.User(bob).GetConversations()).Single(c => c.TargetId == roomId);
        await Silo.Room(roomId).MarkRead(3);
        await Silo.Room(roomId).MarkRead(1);
        var after = (await Silo.User(bob).GetConversations()).Single(c => c.TargetId == roomId);

        Assert.Equal((ConversationKind.Room, 5L, 0L, 4), (before.Kind, before.LastSeq, before.LastReadSeq, before.UnreadCount));
        Assert.Equal((3L, 1), (after.LastReadSeq, after.UnreadCount));
        Assert.Equal(RoomRole.Member, after.Role);
        await Refused.With(ChatErrorCodes.InvalidArgument, () => Silo.Room(roomId).MarkRead(-1));
    }

    [Fact]
    public async Task Invalid_text_is_refused_and_consumes_no_sequence_number()
    {
        var (roomId, alice, _) = await RoomWithTwoAsync();

        As.User(alice);
        await Refused.With(ChatErrorCodes.TextEmpty, () => Silo.Room(roomId).Post(new PostMessageRequest("a", " \n\t ")));
        await Refused.With(ChatErrorCodes.TextTooLong, () => Silo.Room(roomId).Post(new PostMessageRequest("b", new string('x', 4001))));
        await Refused.With(ChatErrorCodes.TextCharacters, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "bell\u0007")));
        await Refused.With(ChatErrorCodes.TextCharacters, () => Silo.Room(roomId).Post(new PostMessageRequest("d", "broken \uD800 surrogate")));
        await Refused.With(ChatErrorCodes.InvalidClientMessageId, () => Silo.Room(roomId).Post(new PostMessageRequest("", "no id")));
        await Refused.With(ChatErrorCodes.InvalidClientMessageId, () => Silo.Room(roomId).Post(new PostMessageRequest(new string('i', 65), "long id")));
        var valid = await Silo.Room(roomId).Post(new PostMessageRequest("e", "  line one\r\nline\ttwo  "));

        Assert.Equal(1, valid.Message.Seq);
        Assert.Equal("line one\nline\ttwo", valid.Message.Text);
    }

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);
}
