using System.Net;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

[Collection(ChatClusterCollection.Name)]
public sealed class HubMessagingTests(ChatCluster cluster)
{
    [Fact]
    public async Task Two_users_exchange_room_messages_through_the_hub()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var aliceHub = await alice.ConnectAsync();
        await using var bobHub = await bob.ConnectAsync();
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await bobHub.SubscribeAsync(room.ConversationId, null);

        var sent = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "hello bob");
        var received = await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == sent.Seq, "bob receives alice's message");
        var reply = await bobHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "hi alice");
        var echoed = await aliceHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == reply.Seq, "alice receives bob's reply");

        Assert.Equal("hello bob", received.Text);
        Assert.Equal(alice.UserId, received.SenderId);
        Assert.Equal(alice.Username, received.SenderName);
        Assert.Equal($"{room.ConversationId}#{sent.Seq}", received.MessageId);
        Assert.Equal("hi alice", echoed.Text);
        Assert.Equal(sent.Seq + 1, reply.Seq);
    }

    [Fact]
    public async Task Two_users_exchange_direct_messages_through_the_hub()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var dm = ChatUser.DmWith(alice.UserId, bob.UserId);
        await using var aliceHub = await alice.ConnectAsync();
        await using var bobHub = await bob.ConnectAsync();
        await aliceHub.SubscribeAsync(dm, null);
        await bobHub.SubscribeAsync(dm, null);

        var sent = await aliceHub.SendAsync(dm, Guid.NewGuid().ToString(), "psst");
        var received = await bobHub.WaitForPostedAsync(dm, m => m.Seq == sent.Seq, "bob receives the DM");
        var reply = await bobHub.SendAsync(dm, Guid.NewGuid().ToString(), "yes?");
        await aliceHub.WaitForPostedAsync(dm, m => m.Seq == reply.Seq, "alice receives the reply");

        Assert.Equal("psst", received.Text);
        Assert.Equal(1, sent.Seq);
        Assert.Equal(2, reply.Seq);
    }

    [Fact]
    public async Task Two_users_exchange_room_and_direct_messages_through_rest()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);

        await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "room hello");
        await bob.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "room reply");
        await alice.PostOkAsync($"/api/dms/{bob.UserId}/messages", "dm hello");
        await bob.PostOkAsync($"/api/dms/{alice.UserId}/messages", "dm reply");

        var roomHistory = await bob.HistoryAsync($"/api/rooms/{room.RoomId}/messages");
        var dmHistory = await alice.HistoryAsync($"/api/dms/{bob.UserId}/messages");
        Assert.Equal(["room hello", "room reply"], roomHistory.Messages.Select(m => m.Text));
        Assert.Equal([1L, 2L], roomHistory.Messages.Select(m => m.Seq));
        Assert.Equal(["dm hello", "dm reply"], dmHistory.Messages.Select(m => m.Text));
        Assert.Equal(ChatUser.DmWith(alice.UserId, bob.UserId), dmHistory.Messages[0].ConversationId);
    }

    [Fact]
    public async Task A_message_resent_with_the_same_client_id_is_stored_once_with_the_same_seq()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.ConnectAsync();
        var clientId = Guid.NewGuid().ToString();

        var first = await hub.SendAsync(room.ConversationId, clientId, "only once");
        var again = await hub.SendAsync(room.ConversationId, clientId, "only once");
        using var viaRest = await alice.PostMessageAsync($"/api/rooms/{room.RoomId}/messages", "only once", clientId);
        var restBody = await ChatUser.ReadAsync<PostMessageResponse>(viaRest, HttpStatusCode.OK);

        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.True(restBody.Duplicate);
        Assert.Equal(first.Seq, restBody.Message.Seq);
        var history = await alice.HistoryAsync($"/api/rooms/{room.RoomId}/messages");
        Assert.Single(history.Messages);
        Assert.Equal(1, await cluster.CountStoredAsync(room.ConversationId, clientId));
    }
}
