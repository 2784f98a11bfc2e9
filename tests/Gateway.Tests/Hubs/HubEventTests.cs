using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>The server events of docs/hub-protocol.md, produced by real actions.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubEventTests(ChatCluster cluster)
{
    [Fact]
    public async Task Edits_deletions_reactions_and_typing_reach_subscribers()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var aliceHub = await alice.ConnectAsync();
        await using var bobHub = await bob.ConnectAsync();
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await bobHub.SubscribeAsync(room.ConversationId, null);
        var sent = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "frist");

        await aliceHub.Connection.InvokeAsync("Edit", room.ConversationId, sent.Seq, "first");
        await bobHub.Connection.InvokeAsync("React", room.ConversationId, sent.Seq, "👍");
        await aliceHub.Connection.InvokeAsync("React", room.ConversationId, sent.Seq, "👍");
        // Reactions events carry the message's reactions as read when relayed: wait before deleting (which clears them).
        await Wait.Until(() => bobHub.Received<ReactionsChangedPayload>("ReactionsChanged").Count == 2, "bob sees both reactions");
        await bobHub.Connection.InvokeAsync("Typing", room.ConversationId);
        await aliceHub.Connection.InvokeAsync("Delete", room.ConversationId, sent.Seq);

        await Wait.Until(() => bobHub.Received<MessageDeletedPayload>("MessageDeleted").Any(e => e.Seq == sent.Seq), "bob sees the deletion");
        var edited = bobHub.Received<MessageView>("MessageEdited").Single();
        Assert.Equal("first", edited.Text);
        Assert.NotNull(edited.EditedAt);
        var reactions = bobHub.Received<ReactionsChangedPayload>("ReactionsChanged");
        Assert.Equal(2, reactions.Count);
        Assert.Equal([bob.UserId, alice.UserId], reactions[^1].Reactions.Single(r => r.Emoji == "👍").UserIds);
        await Wait.Until(() => aliceHub.Received<TypingPayload>("Typing").Any(t => t.UserId == bob.UserId), "alice sees bob typing");
        Assert.Equal(bob.Username, aliceHub.Received<TypingPayload>("Typing").First(t => t.UserId == bob.UserId).DisplayName);
        var names = bobHub.Events.Select(e => e.Name).ToArray();
        Assert.True(Array.IndexOf(names, "MessageEdited") < Array.IndexOf(names, "MessageDeleted"), "events arrive in the order they happened");
    }

    [Fact]
    public async Task Marking_read_by_hub_or_rest_sends_read_receipts_to_subscribers()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);
        await bob.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "one");
        var second = await bob.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "two");
        await using var aliceHub = await alice.ConnectAsync();

        await aliceHub.Connection.InvokeAsync("MarkRead", room.ConversationId, 1L);
        // REST moves the read position like the hub does, and is relayed the same way.
        using (var read = await alice.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/read", new { seq = second.Message.Seq }))
        {
            read.EnsureSuccessStatusCode();
        }

        await Wait.Until(() => bobHub.Received<ReadReceiptPayload>("ReadReceipt").Any(r => r.Seq == second.Message.Seq), "bob sees alice read the second message");
        var receipts = bobHub.Received<ReadReceiptPayload>("ReadReceipt");
        Assert.Equal([1L, second.Message.Seq], receipts.Select(r => r.Seq));
        Assert.All(receipts, r =>
        {
            Assert.Equal(room.ConversationId, r.ConversationId);
            Assert.Equal(alice.UserId, r.UserId);
        });

        // Where a newly opened conversation's receipts start: the other members' positions, for members only.
        Assert.Equal([new ReadPositionView(alice.UserId, second.Message.Seq)], await bob.GetAsync<ReadPositionView[]>($"/api/rooms/{room.RoomId}/reads"));
        Assert.Empty(await alice.GetAsync<ReadPositionView[]>($"/api/rooms/{room.RoomId}/reads"));
        Assert.Empty(await alice.GetAsync<ReadPositionView[]>($"/api/dms/{bob.UserId}/reads"));
        using var outsider = await ChatUser.SignUpAsync(cluster.Gateway, "outsider");
        using var refused = await outsider.Http.GetAsync($"/api/rooms/{room.RoomId}/reads");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "room.not_member");
    }

    [Fact]
    public async Task A_direct_message_notifies_the_recipient_who_is_not_subscribed_and_marking_read_clears_unread()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        await using var bobHub = await bob.ConnectAsync();
        var dm = ChatUser.DmWith(alice.UserId, bob.UserId);

        await alice.PostOkAsync($"/api/dms/{bob.UserId}/messages", "are you there?");

        await Wait.Until(() => bobHub.Received<NotificationPayload>("Notification").Any(n => n.ConversationId == dm), "bob is notified of the DM");
        var notification = bobHub.Received<NotificationPayload>("Notification").First(n => n.ConversationId == dm);
        Assert.Equal("directMessage", notification.Kind);
        var unread = await bob.GetAsync<ConversationView[]>("/api/me/conversations");
        Assert.Equal(1, unread.Single(c => c.ConversationId == dm).UnreadCount);
        await bobHub.Connection.InvokeAsync("MarkRead", dm, 1L);
        var after = await bob.GetAsync<ConversationView[]>("/api/me/conversations");
        Assert.Equal(0, after.Single(c => c.ConversationId == dm).UnreadCount);
        Assert.Equal(1, after.Single(c => c.ConversationId == dm).LastReadSeq);
    }

    [Fact]
    public async Task A_kicked_member_hears_of_it_and_stops_receiving_the_room()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "owner");
        using var member = await ChatUser.SignUpAsync(cluster.Gateway, "member");
        var room = await owner.CreateRoomAsync("private");
        using (var invite = await owner.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/invites", new { userId = member.UserId }))
        {
            invite.EnsureSuccessStatusCode();
        }

        await member.JoinAsync(room.RoomId);
        await using var ownerHub = await owner.ConnectAsync();
        await using var memberHub = await member.ConnectAsync();
        await ownerHub.SubscribeAsync(room.ConversationId, null);
        await memberHub.SubscribeAsync(room.ConversationId, null);

        using (var kick = await owner.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/members/{member.UserId}/kick", new { reason = "test" }))
        {
            kick.EnsureSuccessStatusCode();
        }

        await Wait.Until(() => memberHub.Received<MembershipChangedPayload>("MembershipChanged").Any(e => e.Change == "kicked" && e.UserId == member.UserId), "the member hears of the kick");
        var secret = await ownerHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "after the kick");
        await ownerHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == secret.Seq, "the owner's own echo");
        Assert.DoesNotContain(memberHub.Posted(room.ConversationId), m => m.Seq == secret.Seq);
        Assert.Equal("room.not_member", await HubClient.HubErrorCodeAsync(memberHub.SubscribeAsync(room.ConversationId, 0)));
    }
}
