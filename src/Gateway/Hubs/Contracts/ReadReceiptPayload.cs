namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>ReadReceipt</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="UserId">The member whose read position moved.</param>
/// <param name="Seq">The newest message they have read.</param>
/// <param name="At">When they read it.</param>
public sealed record ReadReceiptPayload(
    string ConversationId,
    string UserId,
    long Seq,
    DateTimeOffset At);
