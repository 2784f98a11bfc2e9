using Microsoft.AspNetCore.SignalR;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// Relays one user grain's events to that user's local connections (their SignalR user group):
/// notifications, and the presence of the user or their friends. One object per observed user,
/// because a presence event names whose presence changed, not which user grain sent it.
/// </summary>
internal sealed class UserObserver(string userId, IHubContext<ChatHub, IChatClient> hub) : IUserObserver
{
    public static string GroupName(string userId) => "u:" + userId;

    public Task OnNotification(NotificationEvent e)
    {
        var n = e.Notification;
        return hub.Clients.Group(GroupName(userId)).Notification(
            new NotificationPayload(n.Id, ApiText.NotificationKind(n.Kind), n.ConversationId, n.Text ?? string.Empty, n.CreatedAt));
    }

    public Task OnPresenceChanged(PresenceChangedEvent e) =>
        hub.Clients.Group(GroupName(userId)).PresenceChanged(new PresenceChangedPayload(e.UserId, ApiText.Presence(e.Presence), e.CustomStatus));

    // No hub event: the user grain also files a notification for requests and invitations.
    public Task OnFriendshipChanged(FriendshipChangedEvent e) => Task.CompletedTask;

    public Task OnGameInviteChanged(GameInviteChangedEvent e) => Task.CompletedTask;
}
