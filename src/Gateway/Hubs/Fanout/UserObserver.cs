using Microsoft.AspNetCore.SignalR.Protocol;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// Relays one user grain's events to that user's local connections: notifications, and the
/// presence of the user or their friends. One object per observed user, because a presence event
/// names whose presence changed, not which user grain sent it.
/// </summary>
internal sealed class UserObserver(string userId, HubConnections connections, HubWriter writer) : IUserObserver
{
    public Task OnNotification(NotificationEvent e)
    {
        var n = e.Notification;
        return Send(nameof(IChatClient.Notification), new NotificationPayload(n.Id, ApiText.NotificationKind(n.Kind), n.ConversationId, n.Text ?? string.Empty, n.CreatedAt));
    }

    public Task OnPresenceChanged(PresenceChangedEvent e) =>
        Send(nameof(IChatClient.PresenceChanged), new PresenceChangedPayload(e.UserId, ApiText.Presence(e.Presence), e.CustomStatus));

    // No hub event: the user grain also files a notification for requests and invitations.
    public Task OnFriendshipChanged(FriendshipChangedEvent e) => Task.CompletedTask;

    public Task OnGameInviteChanged(GameInviteChangedEvent e) => Task.CompletedTask;

    private Task Send(string target, object payload) =>
        connections.OfUser(userId) is { Length: > 0 } to ? writer.WriteAsync(to, new InvocationMessage(target, [payload])) : Task.CompletedTask;
}
