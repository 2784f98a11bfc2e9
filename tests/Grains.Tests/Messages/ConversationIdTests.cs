using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>Conversation ids a client sends lead to the right grain, and malformed ones are refused.</summary>
public sealed class ConversationIdTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task A_conversation_id_reaches_the_room_or_thread_it_names()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);

        var inRoom = await Silo.Grains.GetConversation(ConversationIds.ForRoom(roomId)).PostAsync(alice, "room message");
        var inThread = await Silo.Grains.GetConversation(ConversationIds.ForDirect(bob, alice)).PostAsync(alice, "direct message");

        Assert.Equal(ConversationIds.ForRoom(roomId), inRoom.ConversationId);
        Assert.Equal(ConversationIds.ForDirect(alice, bob), inThread.ConversationId);
    }

    [Theory]
    [InlineData("room:")]
    [InlineData("room:has space")]
    [InlineData("dm:b:a")]
    [InlineData("channel:x")]
    [InlineData("")]
    public void Malformed_conversation_ids_are_refused(string conversationId)
    {
        var error = Assert.Throws<ChatException>(() => Silo.Grains.GetConversation(conversationId));

        Assert.Equal(ChatErrorCodes.InvalidId, error.Code);
    }
}
