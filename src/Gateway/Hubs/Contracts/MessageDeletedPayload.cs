namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>MessageDeleted</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Seq">The deleted message.</param>
public sealed record MessageDeletedPayload(
    string ConversationId,
    long Seq);
