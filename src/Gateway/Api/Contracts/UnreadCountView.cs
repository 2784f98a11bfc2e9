namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>An unread count.</summary>
/// <param name="UnreadCount">Unread notifications left.</param>
public sealed record UnreadCountView(
    int UnreadCount);
