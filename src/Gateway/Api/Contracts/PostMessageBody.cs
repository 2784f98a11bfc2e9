namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of posting a message.</summary>
/// <param name="ClientMessageId">Client-generated id (1-64 characters of A-Z a-z 0-9 _ . : -, a UUID fits); a retry with the same id returns the stored message.</param>
/// <param name="Text">1-4,000 characters.</param>
/// <param name="ReplyToSeq">The message this replies to.</param>
public sealed record PostMessageBody(
    string? ClientMessageId,
    string? Text,
    long? ReplyToSeq);
