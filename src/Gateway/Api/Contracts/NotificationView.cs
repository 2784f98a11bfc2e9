namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>An inbox entry.</summary>
/// <param name="Id">Id (pass as <c>before</c> for older ones, or <c>upToId</c> to mark read).</param>
/// <param name="Kind"><c>directMessage</c>, <c>mention</c>, <c>friendRequest</c>, <c>friendAccepted</c>, <c>gameInvite</c>, <c>gameInviteAnswered</c>, <c>roomInvite</c> or <c>moderation</c>.</param>
/// <param name="ActorId">Who caused it.</param>
/// <param name="ConversationId">Where.</param>
/// <param name="Seq">Which message.</param>
/// <param name="Text">A preview, as text.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Read">Whether it was marked read.</param>
public sealed record NotificationView(
    long Id,
    string Kind,
    string? ActorId,
    string? ConversationId,
    long? Seq,
    string? Text,
    DateTimeOffset CreatedAt,
    bool Read);
