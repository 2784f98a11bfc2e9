namespace OrleansChat.LoadTest.Client;

/// <summary>One message a client posts (and, on failure, may post again with the same client message id).</summary>
internal sealed class SendRecord(int senderIndex, int conversationSlot, string conversationId, string clientMessageId, long intendedTimestamp, int textBytes)
{
    public int SenderIndex { get; } = senderIndex;

    public int ConversationSlot { get; } = conversationSlot;

    public string ConversationId { get; } = conversationId;

    /// <summary>Makes the send idempotent: a retry carries the same id.</summary>
    public string ClientMessageId { get; } = clientMessageId;

    /// <summary>When the pacer meant to send it (Stopwatch ticks); stamped into the text.</summary>
    public long IntendedTimestamp { get; } = intendedTimestamp;

    public int TextBytes { get; } = textBytes;

    /// <summary>1 for the first try.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>The sequence number the server acknowledged, or -1.</summary>
    public long AckedSeq { get; set; } = -1;
}
