using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>Rate limit, repeated-text spam detection and the word filter, as a sender meets them.</summary>
public sealed class ModerationTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task The_sixth_message_within_five_seconds_is_rate_limited_and_a_second_later_one_more_is_allowed()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        var otherRoom = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        for (var i = 0; i < 5; i++)
        {
            await Silo.Room(roomId).PostAsync(alice, $"burst {i}");
        }

        As.User(alice);
        await Refused.With(ChatErrorCodes.MessageRateLimited, () => Silo.Room(roomId).Post(new PostMessageRequest("six", "one too many")));
        var otherUser = await Silo.Room(roomId).PostAsync(bob, "I am not limited by alice");
        var otherConversation = await Silo.Room(otherRoom).PostAsync(alice, "nor is another room");
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        var afterASecond = await Silo.Room(roomId).PostAsync(alice, "one more");
        await Refused.With(ChatErrorCodes.MessageRateLimited, () => Silo.Room(roomId).Post(new PostMessageRequest("seven", "and another")));

        Assert.Equal(6, otherUser.Seq);
        Assert.Equal(1, otherConversation.Seq);
        Assert.Equal(7, afterASecond.Seq);
    }

    [Fact]
    public async Task The_same_text_a_third_time_within_the_window_is_refused_as_spam()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);

        await Silo.Room(roomId).PostAsync(alice, "Buy cheap coins!");
        await Silo.Room(roomId).PostAsync(alice, "buy   CHEAP coins!");
        As.User(alice);
        await Refused.With(ChatErrorCodes.MessageSpam, () => Silo.Room(roomId).Post(new PostMessageRequest("third", "BUY cheap coins!")));
        var different = await Silo.Room(roomId).PostAsync(alice, "something else");
        Silo.Time.Advance(TimeSpan.FromSeconds(31));
        var later = await Silo.Room(roomId).PostAsync(alice, "Buy cheap coins!");

        Assert.Equal(3, different.Seq);
        Assert.Equal(4, later.Seq);
    }

    [Fact]
    public async Task Retries_of_one_message_are_not_spam()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);

        As.User(alice);
        PostResult? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await Silo.Room(roomId).Post(new PostMessageRequest("the-one", "same words"));
        }

        Assert.True(last!.Duplicate);
        Assert.Equal(1, last.Message.Seq);
    }

    [Fact]
    public async Task The_word_filter_masks_blocked_words_in_posts_and_edits()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: options =>
        {
            options.WordFilter.Words.Add("darn");
            options.WordFilter.Words.Add("heck");
        });
        var alice = await silo.NewUserAsync("alice");
        var roomId = await silo.NewRoomAsync(alice);

        var posted = await silo.Room(roomId).PostAsync(alice, "Darn it, what the HECK. Darned good though.");
        As.User(alice);
        var edited = await silo.Room(roomId).Edit(posted.Seq, "oh darn");

        Assert.Equal("**** it, what the ****. Darned good though.", posted.Text);
        Assert.Equal("oh ****", edited.Text);
        Assert.Equal([(1L, "oh ****")], await silo.StoredMessagesAsync(ConversationIds.ForRoom(roomId)));
    }

    [Fact]
    public async Task In_reject_mode_the_word_filter_refuses_the_message()
    {
        await using var silo = await ChatSilo.StartAsync(fixture.ConnectionString, configure: options =>
        {
            options.WordFilter.Words.Add("darn");
            options.WordFilter.Mode = WordFilterMode.Reject;
        });
        var alice = await silo.NewUserAsync("alice");
        var roomId = await silo.NewRoomAsync(alice);

        As.User(alice);
        await Refused.With(ChatErrorCodes.MessageFiltered, () => silo.Room(roomId).Post(new PostMessageRequest("c", "darn")));
        var clean = await silo.Room(roomId).PostAsync(alice, "darning socks is fine");

        Assert.Equal(1, clean.Seq);
    }
}
