namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>Typing</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="UserId">Who is typing.</param>
/// <param name="DisplayName">Their display name.</param>
public sealed record TypingPayload(
    string ConversationId,
    string UserId,
    string DisplayName);
