using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.DirectMessages;

/// <summary>One-to-one threads: participants only, refused while either side blocks, same message features as rooms.</summary>
public sealed class DirectMessageTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Both_users_reach_the_same_thread_whoever_starts_it()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        var opened = await Silo.Direct(alice, bob).Open();
        await Silo.Direct(alice, bob).PostAsync(alice, "hi bob");
        await Silo.Direct(bob, alice).PostAsync(bob, "hi alice");
        As.User(bob);
        var history = await Silo.Direct(bob, alice).GetHistory(new HistoryQuery());

        Assert.Equal(bob, opened.OtherUserId);
        Assert.Equal(ConversationIds.ForDirect(alice, bob), opened.ConversationId);
        Assert.Equal(["hi bob", "hi alice"], history.Messages.Select(m => m.Text));
        Assert.Equal(DirectThreadKey.For(alice, bob), DirectThreadKey.For(bob, alice));
    }

    [Fact]
    public async Task The_recipient_is_notified_and_sees_the_thread_with_its_unread_count()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        var message = await Silo.Direct(alice, bob).PostAsync(alice, "are you there?");

        As.User(bob);
        await Wait.Until(async () => (await Silo.User(bob).GetNotifications(new())).UnreadCount == 1, "bob has one unread notification");
        var notification = (await Silo.User(bob).GetNotifications(new())).Items.Single();
        var thread = (await Silo.User(bob).GetConversations()).Single(c => c.Kind == ConversationKind.Direct);
        Assert.Equal((NotificationKind.DirectMessage, alice, message.Seq, "are you there?"), (notification.Kind, notification.ActorId, notification.Seq, notification.Text));
        Assert.Equal((alice, 1L, 1), (thread.TargetId, thread.LastSeq, thread.UnreadCount));
    }

    [Fact]
    public async Task A_third_user_cannot_read_or_post_in_a_thread()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var mallory = await Silo.NewUserAsync("mallory");
        await Silo.Direct(alice, bob).PostAsync(alice, "private");

        As.User(mallory);
        await Refused.With(ChatErrorCodes.DmNotParticipant, () => Silo.Direct(alice, bob).GetHistory(new HistoryQuery()));
        await Refused.With(ChatErrorCodes.DmNotParticipant, () => Silo.Direct(alice, bob).Post(new PostMessageRequest("c", "hello")));
        await Refused.With(ChatErrorCodes.DmNotParticipant, () => Silo.Direct(alice, bob).Subscribe(Silo.Observer(Ids.New("node"))));
    }

    [Fact]
    public async Task A_blocked_user_cannot_message_and_neither_can_the_blocker_until_unblocked()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        await Silo.Direct(alice, bob).PostAsync(bob, "before the block");

        As.User(alice);
        await Silo.User(alice).Block(bob);
        As.User(bob);
        await Refused.With(ChatErrorCodes.DmBlocked, () => Silo.Direct(alice, bob).Post(new PostMessageRequest("c1", "let me explain")));
        await Refused.With(ChatErrorCodes.DmBlocked, () => Silo.Direct(alice, bob).ToggleReaction(1, "😢"));
        await Refused.With(ChatErrorCodes.DmBlocked, () => Silo.Direct(alice, bob).Open());
        var history = await Silo.Direct(alice, bob).GetHistory(new HistoryQuery());
        As.User(alice);
        await Refused.With(ChatErrorCodes.DmBlocked, () => Silo.Direct(alice, bob).Post(new PostMessageRequest("c2", "and stay away")));
        await Silo.User(alice).Unblock(bob);
        var after = await Silo.Direct(alice, bob).PostAsync(bob, "thanks");

        Assert.Single(history.Messages);
        Assert.Equal(2, after.Seq);
    }

    [Fact]
    public async Task A_block_made_before_the_thread_existed_is_respected()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(bob);
        await Silo.User(bob).Block(alice);

        As.User(alice);
        await Refused.With(ChatErrorCodes.DmBlocked, () => Silo.Direct(alice, bob).Post(new PostMessageRequest("c", "hi")));
    }

    [Fact]
    public async Task Only_the_author_deletes_a_direct_message()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var message = await Silo.Direct(alice, bob).PostAsync(alice, "oops");

        As.User(bob);
        await Refused.With(ChatErrorCodes.MessageNotAuthor, () => Silo.Direct(alice, bob).DeleteMessage(message.Seq));
        await Refused.With(ChatErrorCodes.MessageNotAuthor, () => Silo.Direct(alice, bob).Edit(message.Seq, "not mine"));
        As.User(alice);
        var deleted = await Silo.Direct(alice, bob).DeleteMessage(message.Seq);

        Assert.True(deleted.IsDeleted);
    }

    [Fact]
    public async Task Guests_can_use_direct_messages_and_unregistered_users_cannot_be_messaged()
    {
        var alice = await Silo.NewUserAsync("alice");
        var guest = await Silo.NewUserAsync("guest", guest: true);
        var ghost = Ids.New("ghost");

        // The product rule (issue 5): guests chat and DM, but cannot create rooms or send friend requests.
        As.Guest(guest);
        var posted = await Silo.Direct(guest, alice).Post(new PostMessageRequest("c", "hi"));
        Assert.Equal(1, posted.Message.Seq);
        As.User(alice);
        await Refused.With(ChatErrorCodes.UserNotFound, () => Silo.Direct(alice, ghost).Post(new PostMessageRequest("c", "hello?")));
        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_messages WHERE conversation_id = $1", ConversationIds.ForDirect(alice, ghost)));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("b:a")]
    [InlineData("a:a")]
    [InlineData("a::b")]
    public async Task A_malformed_thread_key_is_refused(string key)
    {
        As.User("a");
        await Refused.With(ChatErrorCodes.DmInvalidThread, () => Silo.Grains.GetGrain<IDirectMessageGrain>(key).Open());
    }

    [Fact]
    public async Task Direct_messages_have_the_same_message_features_as_rooms()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var observer = Silo.Observer(Ids.New("node"));
        var dm = Silo.Direct(alice, bob);
        As.User(alice);
        await dm.Subscribe(observer);

        var first = await dm.PostAsync(alice, "helo");
        As.User(alice);
        var retry = await dm.Post(new PostMessageRequest(first.ClientMessageId, "helo"));
        await dm.Edit(first.Seq, "hello");
        var reply = await dm.PostAsync(bob, "hi!", replyTo: first.Seq);
        As.User(bob);
        await dm.ToggleReaction(first.Seq, "❤️");
        await dm.MarkRead(reply.Seq);

        Assert.True(retry.Duplicate);
        Assert.Equal(["helo"], (await dm.GetEditHistory(first.Seq)).Select(r => r.PreviousText));
        await Wait.Until(async () => (await observer.Events()).Length == 5, "the observer saw post, edit, reply, reaction and read receipt");
        Assert.Equal(
            [$"posted:{dm.GetConversationId()}:1", "edited:1:hello", $"posted:{dm.GetConversationId()}:2", $"reaction:1:❤️:{bob}:added:1", $"read:{bob}:2"],
            (await observer.Events()).ToArray());
    }
}
