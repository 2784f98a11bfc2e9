using OrleansChat.Runtime;

namespace OrleansChat.Grains.Notifications;

/// <summary>An entry of a user's notification inbox.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Notification(
    [property: Id(0)] long Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string? ActorId,
    [property: Id(3)] string? ConversationId,
    [property: Id(4)] long? Seq,
    [property: Id(5)] string? Text,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] bool IsRead);
