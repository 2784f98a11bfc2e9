using System.Collections.Immutable;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Notifications;

/// <summary>Inbox entries newest first, and the total number of unread ones (the badge).</summary>
[GenerateSerializer]
[Immutable]
public sealed record NotificationPage(
    [property: Id(0)] ImmutableArray<Notification> Items,
    [property: Id(1)] int UnreadCount);
