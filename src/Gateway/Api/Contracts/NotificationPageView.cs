namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A page of the inbox, newest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="UnreadCount">Unread entries in total (the badge).</param>
public sealed record NotificationPageView(
    IReadOnlyList<NotificationView> Items,
    int UnreadCount);
