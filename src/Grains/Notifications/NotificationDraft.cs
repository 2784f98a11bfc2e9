using OrleansChat.Runtime;

namespace OrleansChat.Grains.Notifications;

/// <summary>A notification one grain asks a user grain to deliver (grain-to-grain only).</summary>
[GenerateSerializer]
[Immutable]
internal sealed record NotificationDraft(
    [property: Id(0)] NotificationKind Kind,
    [property: Id(1)] string ActorId,
    [property: Id(2)] string? ConversationId = null,
    [property: Id(3)] long? Seq = null,
    [property: Id(4)] string? Text = null);
