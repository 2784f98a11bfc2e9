using OrleansChat.Gateway.Api.Contracts;

namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>ReactionsChanged</c>: the message's reactions after the change.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Seq">The message.</param>
/// <param name="Reactions">All its reactions by emoji.</param>
public sealed record ReactionsChangedPayload(
    string ConversationId,
    long Seq,
    IReadOnlyList<ReactionView> Reactions);
