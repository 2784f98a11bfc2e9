namespace OrleansChat.LoadTest.Baseline;

/// <summary>Result of <c>Subscribe</c> (docs/hub-protocol.md).</summary>
internal sealed record BaselineSubscribeResult(string ConversationId, BaselineMessageView[] Missed, long LatestSeq, bool HasMore);

/// <summary>Result of <c>Send</c> (docs/hub-protocol.md).</summary>
internal sealed record BaselineSendResult(long Seq, string MessageId, DateTimeOffset SentAt);
