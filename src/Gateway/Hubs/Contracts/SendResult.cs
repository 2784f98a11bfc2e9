namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Result of <c>Send</c>, once the message is stored.</summary>
/// <param name="Seq">The message's sequence number.</param>
/// <param name="MessageId"><c>&lt;conversationId&gt;#&lt;seq&gt;</c>.</param>
/// <param name="SentAt">When it was stored.</param>
public sealed record SendResult(
    long Seq,
    string MessageId,
    DateTimeOffset SentAt);
