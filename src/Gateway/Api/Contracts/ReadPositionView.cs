namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>How far another member has read a conversation (the start of its read receipts).</summary>
/// <param name="UserId">The member.</param>
/// <param name="Seq">The newest message they have read.</param>
public sealed record ReadPositionView(
    string UserId,
    long Seq);
