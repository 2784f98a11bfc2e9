using OrleansChat.Grains.Notifications;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>A new notification for the observed user (for a toast and the badge).</summary>
[GenerateSerializer]
[Immutable]
public sealed record NotificationEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] Notification Notification);
