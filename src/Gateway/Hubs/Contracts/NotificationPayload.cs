namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>Notification</c>.</summary>
/// <param name="Id">The inbox entry's id.</param>
/// <param name="Kind">As in REST <c>/api/notifications</c>.</param>
/// <param name="ConversationId">Where.</param>
/// <param name="Text">A preview, as text.</param>
/// <param name="CreatedAt">When.</param>
public sealed record NotificationPayload(
    long Id,
    string Kind,
    string? ConversationId,
    string Text,
    DateTimeOffset CreatedAt);
