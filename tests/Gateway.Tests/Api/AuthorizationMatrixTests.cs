using System.Net;
using System.Net.Http.Json;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Api;

/// <summary>Every refusal of the authorization matrix, through REST (status and code) and through the hub (code).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AuthorizationMatrixTests(ChatCluster cluster)
{
    [Fact]
    public async Task A_non_member_can_neither_read_nor_post_to_a_private_room_through_rest_or_the_hub()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "owner");
        using var outsider = await ChatUser.SignUpAsync(cluster.Gateway, "outsider");
        var room = await owner.CreateRoomAsync("private");
        await owner.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "members only");

        using var read = await outsider.Http.GetAsync($"/api/rooms/{room.RoomId}/messages");
        using var post = await outsider.PostMessageAsync($"/api/rooms/{room.RoomId}/messages", "let me in");
        using var join = await outsider.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/join", new { });
        await read.AssertProblemAsync(HttpStatusCode.Forbidden, "room.not_member");
        await post.AssertProblemAsync(HttpStatusCode.Forbidden, "room.not_member");
        await join.AssertProblemAsync(HttpStatusCode.Forbidden, "room.invite_required");

        await using var hub = await outsider.ConnectAsync();
        Assert.Equal("room.not_member", await HubClient.HubErrorCodeAsync(hub.SubscribeAsync(room.ConversationId, 0)));
        Assert.Equal("room.not_member", await HubClient.HubErrorCodeAsync(hub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "let me in")));
        Assert.Empty(hub.Posted(room.ConversationId));
        var history = await owner.HistoryAsync($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal(["members only"], history.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Joining_with_a_wrong_room_password_is_refused()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "owner");
        using var guessing = await ChatUser.SignUpAsync(cluster.Gateway, "guess");
        var room = await owner.CreateRoomAsync("password", "open sesame");

        using var wrong = await guessing.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/join", new { password = "open barley" });
        using var missing = await guessing.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/join", new { });
        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "room.wrong_password");
        await missing.AssertProblemAsync(HttpStatusCode.Forbidden, "room.password_required");

        var joined = await guessing.JoinAsync(room.RoomId, "open sesame");
        Assert.Equal("member", joined.MyRole);
    }

    [Fact]
    public async Task A_banned_user_cannot_join_or_post_again()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "owner");
        using var troll = await ChatUser.SignUpAsync(cluster.Gateway, "troll");
        var room = await owner.CreateRoomAsync();
        await troll.JoinAsync(room.RoomId);
        await using var trollHub = await troll.ConnectAsync();
        await trollHub.SubscribeAsync(room.ConversationId, null);

        using var ban = await owner.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/members/{troll.UserId}/ban", new { reason = "spam" });
        Assert.Equal(HttpStatusCode.NoContent, ban.StatusCode);

        using var join = await troll.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/join", new { });
        using var post = await troll.PostMessageAsync($"/api/rooms/{room.RoomId}/messages", "back again");
        await join.AssertProblemAsync(HttpStatusCode.Forbidden, "room.banned");
        await post.AssertProblemAsync(HttpStatusCode.Forbidden, "room.not_member");
        await Wait.Until(() => trollHub.Received<MembershipChangedPayload>("MembershipChanged").Any(e => e.Change == "banned" && e.UserId == troll.UserId), "the troll's connection hears of the ban");
        Assert.Equal("room.banned", await HubClient.HubErrorCodeAsync(trollHub.SubscribeAsync(room.ConversationId, null)));

        // The banned user's connection no longer receives the room's messages.
        await using var ownerHub = await owner.ConnectAsync();
        await ownerHub.SubscribeAsync(room.ConversationId, null);
        var after = await ownerHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "after the ban");
        await ownerHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == after.Seq, "the owner sees the message");
        Assert.DoesNotContain(trollHub.Posted(room.ConversationId), m => m.Seq == after.Seq);
    }

    [Fact]
    public async Task A_blocked_user_cannot_send_direct_messages_through_rest_or_the_hub()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var pest = await ChatUser.SignUpAsync(cluster.Gateway, "pest");
        using var block = await alice.Http.PutAsync($"/api/blocks/{pest.UserId}", content: null);
        Assert.Equal(HttpStatusCode.NoContent, block.StatusCode);

        using var post = await pest.PostMessageAsync($"/api/dms/{alice.UserId}/messages", "hello?");
        using var open = await pest.Http.PostAsJsonAsync("/api/dms", new { userId = alice.UserId });
        await post.AssertProblemAsync(HttpStatusCode.Forbidden, "dm.blocked");
        await open.AssertProblemAsync(HttpStatusCode.Forbidden, "dm.blocked");
        await using var hub = await pest.ConnectAsync();
        Assert.Equal("dm.blocked", await HubClient.HubErrorCodeAsync(hub.SendAsync(ChatUser.DmWith(alice.UserId, pest.UserId), Guid.NewGuid().ToString(), "hello?")));
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_cannot_kick()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "owner");
        using var member = await ChatUser.SignUpAsync(cluster.Gateway, "member");
        using var other = await ChatUser.SignUpAsync(cluster.Gateway, "other");
        var room = await owner.CreateRoomAsync();
        await member.JoinAsync(room.RoomId);
        await other.JoinAsync(room.RoomId);

        using var kick = await member.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/members/{other.UserId}/kick", new { reason = "because" });
        await kick.AssertProblemAsync(HttpStatusCode.Forbidden, "room.insufficient_role");

        using var promote = await owner.Http.PutAsJsonAsync($"/api/rooms/{room.RoomId}/members/{member.UserId}/role", new { role = "admin" });
        Assert.Equal(HttpStatusCode.NoContent, promote.StatusCode);
        using var kickAsAdmin = await member.Http.PostAsJsonAsync($"/api/rooms/{room.RoomId}/members/{other.UserId}/kick", new { reason = "now allowed" });
        Assert.Equal(HttpStatusCode.NoContent, kickAsAdmin.StatusCode);
    }

    [Fact]
    public async Task A_guest_cannot_create_a_room()
    {
        using var guest = await ChatUser.GuestAsync(cluster.Gateway);

        using var create = await guest.Http.PostAsJsonAsync("/api/rooms", new { name = Names.Unique("room"), visibility = "public" });

        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.guest_forbidden");
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused_before_reaching_the_grains()
    {
        using var anonymous = cluster.Gateway.CreateClient();

        using var rooms = await anonymous.GetAsync("/api/rooms");

        await rooms.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(cluster.Gateway, "not-a-token"));
    }
}
