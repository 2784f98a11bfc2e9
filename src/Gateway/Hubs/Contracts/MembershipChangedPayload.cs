namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>MembershipChanged</c>.</summary>
/// <param name="ConversationId">The room.</param>
/// <param name="UserId">Whose membership changed (for room-wide changes: who made them).</param>
/// <param name="Change"><c>joined</c>, <c>left</c>, <c>kicked</c>, <c>banned</c>, <c>unbanned</c>, <c>muted</c>, <c>unmuted</c>, <c>roleChanged</c>, <c>invited</c>, and room-wide <c>roomUpdated</c>, <c>roomDeleted</c>.</param>
/// <param name="Role">The member's role after the change, when it has one.</param>
public sealed record MembershipChangedPayload(
    string ConversationId,
    string UserId,
    string Change,
    string? Role);
