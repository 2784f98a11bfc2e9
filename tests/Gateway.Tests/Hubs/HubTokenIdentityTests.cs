using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>A hub connection opened with a hub token acts as the user the token was issued to.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubTokenIdentityTests(ChatCluster cluster)
{
    [Fact]
    public async Task Messages_sent_over_hub_token_connections_carry_their_users()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var guest = await ChatUser.GuestAsync(cluster.Gateway);
        var room = await alice.CreateRoomAsync();
        await guest.JoinAsync(room.RoomId);
        await using var aliceHub = await HubClient.ConnectAsync(cluster.Gateway, alice.HubToken);
        await using var guestHub = await HubClient.ConnectAsync(cluster.Gateway, guest.HubToken);
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await guestHub.SubscribeAsync(room.ConversationId, null);

        var fromAlice = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "from alice");
        var fromGuest = await guestHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "from the guest");

        var aliceMessage = await guestHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == fromAlice.Seq, "the guest receives alice's message");
        var guestMessage = await aliceHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == fromGuest.Seq, "alice receives the guest's message");
        Assert.Equal((alice.UserId, alice.Username), (aliceMessage.SenderId, aliceMessage.SenderName));
        Assert.Equal((guest.UserId, guest.Username), (guestMessage.SenderId, guestMessage.SenderName));
    }
}
